package bank.ushield.renewal.store;

import java.util.Optional;

import org.jdbi.v3.core.Handle;

/** The certificate rows a renewal step reads or retires. */
public final class CaseCertificateStore {

    /** The DER of a certificate. */
    public Optional<byte[]> der(Handle h, Long certificateId) {
        return h.createQuery("SELECT der FROM certificate WHERE id = :id")
                .bind("id", certificateId).mapTo(byte[].class).findOne();
    }

    /** Marks the case's old certificate SUPERSEDED once the new one is on the token (if it is still ACTIVE). */
    public void supersede(Handle h, Long certificateId) {
        h.createUpdate("UPDATE certificate SET status = 'SUPERSEDED' WHERE id = :id AND status = 'ACTIVE'")
                .bind("id", certificateId).execute();
    }
}
