package bank.ushield.casync.cli;

import org.jdbi.v3.core.Handle;

/** The bench's fixed reference rows: one branch, workstation, teller, customer (id 1) and token (id 1). */
final class BenchSeedStore {

    private BenchSeedStore() {
    }

    static void insertBranchWithOneCustomer(Handle h, String workstationId, String at) {
        h.execute("INSERT INTO branch (id, name) VALUES ('9999', 'Bench branch')");
        h.execute("INSERT INTO workstation (id, branch_id, name, created_at) VALUES (?, '9999', 'Bench', ?)",
                workstationId, at);
        h.execute("INSERT INTO staff_user (login, display_name, role, branch_id, password_hash, created_at, "
                + "password_changed_at) VALUES ('bench', 'Bench', 'TELLER', '9999', 'x', ?, ?)", at, at);
        h.execute("INSERT INTO customer (id, customer_no, name, created_at) VALUES (1, 'BENCH1', 'Bench', ?)", at);
        h.execute("INSERT INTO token (id, serial, model, manufacturer, customer_id, status, registered_at) "
                + "VALUES (1, 'BENCHTOK', 'U1', 'Bench', 1, 'ACTIVE', ?)", at);
    }
}
