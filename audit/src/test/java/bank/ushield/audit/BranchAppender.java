package bank.ushield.audit;

import java.nio.file.Path;

import bank.ushield.db.BranchDatabaseSettings;
import bank.ushield.db.Database;

/**
 * A workstation process for the branch tests: appends {@code count} entries to its own log on the branch database
 * (checkpoints every 64 with its own key), printing "appended N" every 50 and "done" at the end. Arguments: URL,
 * user, workstation, count, key folder; the password comes from USHIELD_DB_PASSWORD, never the command line.
 */
public final class BranchAppender {
    private BranchAppender() {
    }

    public static void main(String[] args) {
        String url = args[0];
        String user = args[1];
        String workstation = args[2];
        long count = Long.parseLong(args[3]);
        Path keyDir = Path.of(args[4]);
        BranchDatabaseSettings settings = BranchDatabaseSettings.of(url, user,
                System.getenv(BranchDatabaseSettings.PASSWORD_ENV).toCharArray(), workstation);
        WorkstationKeys keys = WorkstationKeys.loadOrCreate(keyDir, workstation, KeystorePassword.training());
        try (Database db = Database.open(settings); AuditLog log = AuditLog.open(db, workstation)) {
            log.enableCheckpoints(keys, 64);
            System.out.println("ready");
            for (long n = 1; n <= count; n++) {
                log.append(AuditEvent.builder(AuditEventType.CASE_OPENED, AuditOutcome.OK)
                        .actor("teller-" + workstation, "TELLER").detail("n", n).build());
                if (n % 50 == 0) {
                    System.out.println("appended " + n);
                }
            }
        }
        System.out.println("done");
    }
}
