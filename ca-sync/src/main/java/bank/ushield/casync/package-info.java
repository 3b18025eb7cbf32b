/** Signed batch exchange with the head-office CA, and its simulator (filled by the ca-sync issue). */
package bank.ushield.casync;
