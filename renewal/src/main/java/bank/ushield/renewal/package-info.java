/**
 * The persisted renewal case and the services the teller app calls: {@link bank.ushield.renewal.RenewalService}
 * (one per logged-in member of staff), the state machine {@link bank.ushield.db.CaseState}, typed
 * {@link bank.ushield.renewal.Outcome}s and {@link bank.ushield.renewal.Problem}s, and the receipt
 * ({@link bank.ushield.renewal.Receipt}, {@link bank.ushield.renewal.receipt.ReceiptPdf}).
 */
package bank.ushield.renewal;
