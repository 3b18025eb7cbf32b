package bank.ushield.casync.store;

import org.jdbi.v3.core.Handle;

/** The ca_quarantine rows: inbox files refused and moved to quarantine. */
public final class QuarantineStore {

    private QuarantineStore() {
    }

    /** Records a quarantined file inside the caller's transaction on {@code h}. */
    public static void insert(Handle h, String fileName, String quarantineName, String sha256, long size,
                              String reasonCode, String reason, String now) {
        h.createUpdate("""
                INSERT INTO ca_quarantine (file_name, quarantine_name, file_sha256, size, reason_code, reason, quarantined_at)
                VALUES (:name, :qname, :sha, :size, :code, :reason, :now)""")
                .bind("name", fileName).bind("qname", quarantineName).bind("sha", sha256)
                .bind("size", size).bind("code", reasonCode).bind("reason", reason).bind("now", now)
                .execute();
    }
}
