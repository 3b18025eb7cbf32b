/**
 * The workstation's append-only audit log on the db module: {@link bank.ushield.audit.AuditLog} (append, also inside a
 * caller's transaction; signed checkpoints; RFC 9162 proofs), {@link bank.ushield.audit.AuditVerifier},
 * {@link bank.ushield.audit.AuditSearch}, {@link bank.ushield.audit.DailyReview}, {@link bank.ushield.audit.AuditExport},
 * {@link bank.ushield.audit.Masking} and {@link bank.ushield.audit.WorkstationKeys}. Format: docs/audit-format.md.
 */
package bank.ushield.audit;
