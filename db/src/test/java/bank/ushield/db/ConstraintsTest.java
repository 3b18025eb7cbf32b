package bank.ushield.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jdbi.v3.core.statement.StatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

@ParameterizedClass
@EnumSource(Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class ConstraintsTest {

    @Parameter
    Engine engine;


    @Test
    void aTokenSerialCanBeRegisteredOnlyOnce(DatabaseFile file, PostgresDatabase pg) {
        Fixtures f = new Fixtures(engine, file, pg);
        Customer a = f.customer("C1");
        Customer b = f.customer("C2");
        f.token(a.id(), "TK-SAME");
        assertThatThrownBy(() -> f.token(b.id(), "TK-SAME"))
                .isInstanceOfSatisfying(ConstraintViolationException.class,
                        e -> assertThat(e.kind()).isEqualTo(ConstraintViolationException.Kind.UNIQUE));
        assertThat(f.repos.tokens().ofCustomer(b.id())).isEmpty();
    }

    @Test
    void rowsMustReferToExistingRows(DatabaseFile file, PostgresDatabase pg) {
        Fixtures f = new Fixtures(engine, file, pg);
        assertThatThrownBy(() -> f.token(999, "TK-ORPHAN"))
                .isInstanceOfSatisfying(ConstraintViolationException.class,
                        e -> assertThat(e.kind()).isEqualTo(ConstraintViolationException.Kind.FOREIGN_KEY));
        assertThatThrownBy(() -> f.repos.cases().open("K-1", "0102-W01", "nobody", null, null, null))
                .isInstanceOfSatisfying(ConstraintViolationException.class,
                        e -> assertThat(e.kind()).isEqualTo(ConstraintViolationException.Kind.FOREIGN_KEY));
        assertThat(f.repos.cases().findByCaseNo("K-1")).isEmpty();
        // deleting a customer who still has a card is refused too
        Customer c = f.customer("C3");
        f.repos.cards().insert(c.id(), "6222021234567890128", CardKind.DEBIT, true, CardStatus.ACTIVE);
        assertThatThrownBy(() -> f.db.jdbi().useHandle(h -> h.execute("DELETE FROM customer WHERE id = ?", c.id())))
                .isInstanceOf(StatementException.class).hasMessageContaining(engine == Engine.SQLITE ? "FOREIGN KEY" : "foreign key constraint");
    }

    @Test
    void valuesOutsideTheAllowedSetsAreRefused(DatabaseFile file, PostgresDatabase pg) {
        Fixtures f = new Fixtures(engine, file, pg);
        Customer c = f.customer("C4");
        assertThatThrownBy(() -> f.db.jdbi().useHandle(h -> h.execute(
                "INSERT INTO token (serial, model, manufacturer, customer_id, status, registered_at) "
                        + "VALUES ('T', 'm', 'x', ?, 'STOLEN', '2026-01-01T00:00:00.000000000Z')", c.id())))
                .hasMessageContaining(checkFailed());
        assertThatThrownBy(() -> f.db.jdbi().useHandle(h -> h.execute(
                "UPDATE staff_user SET role = 'ADMIN' WHERE login = 'teller01'")))
                .hasMessageContaining(checkFailed());
        assertThatThrownBy(() -> f.repos.tokens().insert("T-9", "12345", "m", "x", c.id(), TokenStatus.ACTIVE))
                .isInstanceOfSatisfying(ConstraintViolationException.class,
                        e -> assertThat(e.kind()).isEqualTo(ConstraintViolationException.Kind.CHECK));
        assertThatThrownBy(() -> f.db.jdbi().useHandle(h -> h.execute(
                "INSERT INTO bank_card (customer_id, bin, last4, pan_length, pan_hmac, card_kind, status, created_at) "
                        + "VALUES (?, '622202', '12', 19, 'h', 'DEBIT', 'ACTIVE', 'x')", c.id())))
                .hasMessageContaining(checkFailed());
    }

    @Test
    void anAbortedCaseNeedsAReasonAndOnlyAnAbortedOneHasOne(DatabaseFile file, PostgresDatabase pg) {
        Fixtures f = new Fixtures(engine, file, pg);
        RenewalCaseRow k = f.openCase("K-2");
        assertThatThrownBy(() -> f.repos.cases().updateState(k.id(), k.version(), CaseState.ABORTED, "teller01", null))
                .isInstanceOfSatisfying(ConstraintViolationException.class,
                        e -> assertThat(e.kind()).isEqualTo(ConstraintViolationException.Kind.CHECK));
        assertThatThrownBy(() -> f.db.jdbi().useHandle(h -> h.execute(
                "UPDATE renewal_case SET abort_reason = 'why' WHERE id = ?", k.id())))
                .hasMessageContaining(checkFailed());
        RenewalCaseRow stored = f.repos.cases().find(k.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(CaseState.OPENED);
        assertThat(stored.version()).isZero();
        assertThat(f.repos.cases().history(k.id())).hasSize(1);
        RenewalCaseRow aborted = f.repos.cases().updateState(k.id(), 0, CaseState.ABORTED, "teller01", "customer left");
        assertThat(aborted.abortReason()).isEqualTo("customer left");
    }

    @Test
    void blankTokenStockMovementsAreAppendOnlyAndEveryMoveIsRecorded(DatabaseFile file, PostgresDatabase pg) {
        Fixtures f = new Fixtures(engine, file, pg);
        String now = "2026-03-02T01:30:00.000000000Z";
        f.db.jdbi().useHandle(h -> {
            h.execute("INSERT INTO token_stock (serial, media_voucher_no, model, state, received_at, updated_at) "
                    + "VALUES ('BLANK-1', '1234567890', 'UKey-3000', 'BRANCH_STORE', ?, ?)", now, now);
            h.execute("INSERT INTO token_stock_movement (stock_id, from_state, to_state, actor, at) "
                    + "SELECT id, NULL, 'BRANCH_STORE', 'manager01', ? FROM token_stock", now);
        });
        // V33 on either engine: no state change without its movement row, no edit of the history, no deletion.
        assertThatThrownBy(() -> f.db.jdbi().useHandle(h -> h.execute(
                "UPDATE token_stock SET state = 'DESTROYED' WHERE serial = 'BLANK-1'")))
                .hasMessageContaining("needs its movement row");
        assertThatThrownBy(() -> f.db.jdbi().useHandle(h -> h.execute(
                "UPDATE token_stock_movement SET actor = 'someone else'"))).hasMessageContaining("append-only");
        assertThatThrownBy(() -> f.db.jdbi().useHandle(h -> h.execute("DELETE FROM token_stock_movement")))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> f.db.jdbi().useHandle(h -> h.execute("DELETE FROM token_stock")))
                .hasMessageContaining("never deleted");
        f.db.jdbi().useTransaction(h -> {
            h.execute("INSERT INTO token_stock_movement (stock_id, from_state, to_state, actor, note, at) "
                    + "SELECT id, 'BRANCH_STORE', 'DESTROYED', 'manager01', 'crushed', ? FROM token_stock", now);
            h.execute("UPDATE token_stock SET state = 'DESTROYED' WHERE serial = 'BLANK-1'");
        });
        Integer moves = f.db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM token_stock_movement")
                .mapTo(Integer.class).one());
        assertThat(moves).isEqualTo(2);
    }

    /** How each engine words a refused CHECK constraint in raw SQL. */
    private String checkFailed() {
        return engine == Engine.SQLITE ? "CHECK" : "check constraint";
    }
}
