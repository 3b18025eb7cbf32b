/**
 * The service API the teller app calls: {@link bank.ushield.renewal.RenewalService} (one per logged-in member of
 * staff), the persisted {@link bank.ushield.renewal.RenewalCase}, typed {@link bank.ushield.renewal.Outcome}s and
 * {@link bank.ushield.renewal.Problem}s (with the {@link bank.ushield.renewal.ProblemExplainer} that explains any
 * exception, the lower modules' domain exceptions too), the {@link bank.ushield.renewal.Receipt}, and the ports the
 * case stands on ({@link bank.ushield.renewal.RenewalParts}). It depends on no renewal subpackage: the case itself is in
 * {@code cases}, its SQL in {@code store}, adapters onto lower modules in {@code adapter}, receipts and PDFs in
 * {@code receipt}, and the set-up in {@code wiring}.
 */
package bank.ushield.renewal;
