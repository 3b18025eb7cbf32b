package bank.ushield.renewal.staff;

import java.nio.file.Path;
import java.time.Clock;

import bank.ushield.audit.AuditLog;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.Database;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.Repositories;
import bank.ushield.db.StaffRole;

/**
 * The child JVM of {@code StaffChangeCrashTest}: {@code <db> <create|reset> <stop|go>} makes one account change; with
 * "stop" it prints "AT between" after the change and before its audit entry (inside the transaction) and waits to
 * be killed; with "go" it prints "DONE".
 */
public final class StaffChangeCrashChild {

    /** Cheap Argon2 parameters: the test is about the transaction, not the hash. */
    public static final PasswordHasher.Params CHEAP = new PasswordHasher.Params(256, 1, 1);

    private StaffChangeCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Database db = Database.open(Path.of(args[0]));
        boolean stop = args[2].equals("stop");
        Runnable between = () -> {
            if (stop) {
                System.out.println("AT between");
                System.out.flush();
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Repositories repos = new Repositories(db, new CardMatchingKey(new byte[32]), new PasswordHasher(CHEAP),
                Clock.systemUTC());
        try (AuditLog audit = AuditLog.open(db, "0102-W01")) {
            StaffAdministration admin = new StaffAdministration(repos, audit, between);
            StaffAdministration.Actor it = new StaffAdministration.Actor("IT (test)", "IT");
            switch (args[1]) {
                case "create" -> admin.create(it, "clerk02", "Clerk Two", StaffRole.TELLER, "0102",
                        "new-pass-1234".toCharArray());
                case "reset" -> admin.resetPassword(it, "teller01", "new-pass-1234".toCharArray());
                default -> throw new IllegalArgumentException(args[1]);
            }
        } finally {
            db.close();
        }
        System.out.println("DONE");
    }
}
