/**
 * Read-only aggregate queries over the audit log for the branch manager's charts and daily review: counts per day
 * and teller, failure reasons, machine time per case. Swing-free; served by the audit_entry indexes.
 */
package bank.ushield.audit.stats;
