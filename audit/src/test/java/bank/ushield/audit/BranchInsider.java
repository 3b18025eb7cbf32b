package bank.ushield.audit;

import org.jdbi.v3.core.Handle;

import bank.ushield.db.Database;

/** The insider on a branch server: a database superuser who can switch the audit tables' append-only triggers off. */
public final class BranchInsider {

    private BranchInsider() {
    }

    /** The append-only triggers off, the statements, the triggers on again exactly as they were. */
    public static void asSuperuser(Database db, String... statements) {
        db.jdbi().useHandle(h -> {
            setTriggers(h, "DISABLE");
            for (String sql : statements) {
                h.execute(sql);
            }
            setTriggers(h, "ENABLE");
        });
    }

    private static void setTriggers(Handle h, String how) {
        for (String t : new String[] {"entry", "node", "signer", "checkpoint"}) {
            h.execute("ALTER TABLE branch_audit_" + t + " " + how + " TRIGGER USER");
        }
    }
}
