/** Rules for the identity document, bank card, token and eligibility checks (filled by the id-verification issue). */
package bank.ushield.idverification;
