package bank.ushield.renewal.adapter;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.bouncycastle.cert.X509CertificateHolder;
import org.jdbi.v3.core.Handle;

import bank.ushield.casync.ResponseListener;
import bank.ushield.renewal.cases.HeadOfficeAnswers;
import bank.ushield.renewal.store.TokenStatusStore;

/**
 * ca-sync's import calls this inside its transaction: issued certificates move their case to CERT_RECEIVED,
 * rejections abort it, a token reported lost is marked LOST. An exception here rolls the whole batch back.
 */
public final class RenewalResponseListener implements ResponseListener {

    private final HeadOfficeAnswers answers;
    private final TokenStatusStore tokens = new TokenStatusStore();

    public RenewalResponseListener(HeadOfficeAnswers answers) {
        this.answers = answers;
    }

    @Override
    public void certificateIssued(Handle handle, long caseId, X509CertificateHolder certificate) {
        try {
            answers.certificateIssued(handle, caseId, certificate.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void requestRejected(Handle handle, long caseId, String code, String reason) {
        answers.requestRejected(handle, caseId, code + ": " + reason);
    }

    @Override
    public void tokenReportedLost(Handle handle, String tokenSerial, String reportedAt) {
        tokens.markLost(handle, tokenSerial);
    }
}
