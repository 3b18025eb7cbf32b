package bank.ushield.casync;

import org.bouncycastle.cert.X509CertificateHolder;
import org.jdbi.v3.core.Handle;

/**
 * What the renewal module does with a head-office answer. Called inside the import's transaction (the handle), after
 * ca-sync recorded the item: an exception here rolls the whole batch back.
 */
public interface ResponseListener {

    /** Head office issued the certificate for the case's pending request (matched by its public key). */
    void certificateIssued(Handle handle, long caseId, X509CertificateHolder certificate);

    /** Head office refused the case's request. */
    void requestRejected(Handle handle, long caseId, String code, String reason);

    /** Head office says the token with this serial was reported lost (e.g. by phone). */
    void tokenReportedLost(Handle handle, String tokenSerial, String reportedAt);
}
