/**
 * Rules for the three counter checks and the renewal eligibility policy: identity documents
 * ({@code document}), bank cards ({@code card}, with the EMV chip read in {@code emv}), the physical token
 * ({@code token}) and eligibility ({@code eligibility}). Plain Java: no Swing, no SQL, no dependency on the
 * project's other modules.
 *
 * <p>Data comes in through {@link bank.ushield.idverification.CustomerRecord} (registered documents, cards with
 * their keyed PAN hash, tokens and certificates) and {@link bank.ushield.idverification.PanHasher}; the renewal
 * module adapts the db repositories to them. Every check returns a
 * {@link bank.ushield.idverification.Finding}: PASS, FAIL with a {@link bank.ushield.idverification.ReasonCode},
 * or NEEDS_MANAGER with a reason code, plus evidence already masked by an
 * {@link bank.ushield.idverification.EvidenceMasker}. See docs/id-verification.md.
 */
package bank.ushield.idverification;
