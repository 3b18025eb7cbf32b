/** Signed batch exchange with the head-office CA, and its simulator. */
package bank.ushield.casync;
