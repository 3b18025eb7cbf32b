/**
 * The branch manager's audit review as the screens see it ({@link bank.ushield.renewal.review.AuditReview} and its
 * value types) and its implementation over the audit module ({@link bank.ushield.renewal.review.AuditLogReview}).
 * Swing-free: the screen's label texts come in as a {@link bank.ushield.renewal.review.LabelOrder}.
 */
package bank.ushield.renewal.review;
