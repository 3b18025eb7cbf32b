/** Append-only, hash-tree audit log on top of the db module (filled by the audit issue). */
package bank.ushield.audit;
