package bank.ushield.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

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
class RenewalCaseRepositoryTest {

    @Parameter
    Engine engine;


    @Test
    void aCaseMovesWithItsHistoryAndVersion(DatabaseFile file, PostgresDatabase pg) {
        Fixtures f = new Fixtures(engine, file, pg);
        Customer c = f.customer("C1");
        RegisteredToken t = f.token(c.id(), "TK1");
        RenewalCaseRow k = f.openCase("K-1");
        assertThat(k.state()).isEqualTo(CaseState.OPENED);
        assertThat(k.version()).isZero();
        f.clock.advance(Duration.ofMinutes(1));
        RenewalCaseRow idOk = f.repos.cases().update(k.withCustomer(c.id()).withState(CaseState.ID_VERIFIED, null), "teller01", null);
        assertThat(idOk.version()).isEqualTo(1);
        assertThat(idOk.customerId()).isEqualTo(c.id());
        assertThat(idOk.updatedAt()).isEqualTo(f.clock.instant());
        byte[] csr = {0x30, 0x00};
        RenewalCaseRow keyed = f.repos.cases().update(idOk.withToken(t.id(), null).withRequest("0102", csr, "ff".repeat(32))
                .withState(CaseState.CARD_VERIFIED, null), "teller01", "override: card check by manager01");
        assertThat(keyed.csrDer()).isEqualTo(csr);
        assertThat(keyed.newKeyId()).isEqualTo("0102");
        assertThat(f.repos.cases().findByCsrKey("ff".repeat(32))).map(RenewalCaseRow::id).contains(k.id());
        // a field-only change writes no history row
        BatchRow batch = f.repos.batches().insertNext(BatchDirection.OUT, "0102-W01", "b1", "00", BatchStatus.WRITTEN, 1, null);
        RenewalCaseRow queued = f.repos.cases().update(keyed.withRequestBatch(batch.id()), "teller01", null);
        assertThat(f.repos.cases().ofRequestBatch(batch.id())).extracting(RenewalCaseRow::id).containsExactly(k.id());
        List<CaseStateChange> history = f.repos.cases().history(k.id());
        assertThat(history).extracting(CaseStateChange::fromState).containsExactly(null, CaseState.OPENED, CaseState.ID_VERIFIED);
        assertThat(history).extracting(CaseStateChange::toState)
                .containsExactly(CaseState.OPENED, CaseState.ID_VERIFIED, CaseState.CARD_VERIFIED);
        assertThat(history.get(2).reason()).isEqualTo("override: card check by manager01");
        assertThat(queued.version()).isEqualTo(3);
        assertThat(f.repos.cases().ofCustomer(c.id())).extracting(RenewalCaseRow::id).containsExactly(k.id());
    }

    @Test
    void aStaleUpdateIsRefusedAndChangesNothing(DatabaseFile file, PostgresDatabase pg) {
        Fixtures f = new Fixtures(engine, file, pg);
        RenewalCaseRow read1 = f.openCase("K-2");
        RenewalCaseRow read2 = f.repos.cases().find(read1.id()).orElseThrow();
        f.repos.cases().update(read1.withState(CaseState.ID_VERIFIED, null), "teller01", null);
        assertThatThrownBy(() -> f.repos.cases().update(read2.withState(CaseState.ABORTED, "other window"), "teller01", "x"))
                .isInstanceOfSatisfying(CaseVersionConflictException.class, e -> {
                    assertThat(e.caseId()).isEqualTo(read1.id());
                    assertThat(e.expectedVersion()).isZero();
                });
        assertThatThrownBy(() -> f.repos.cases().updateState(read1.id(), 0, CaseState.CARD_VERIFIED, "teller01", null))
                .isInstanceOf(CaseVersionConflictException.class);
        RenewalCaseRow now = f.repos.cases().find(read1.id()).orElseThrow();
        assertThat(now.state()).isEqualTo(CaseState.ID_VERIFIED);
        assertThat(now.version()).isEqualTo(1);
        assertThat(f.repos.cases().history(read1.id())).hasSize(2);
    }

    @Test
    void aCallersTransactionCoversCaseAndHistoryTogether(DatabaseFile file, PostgresDatabase pg) {
        Fixtures f = new Fixtures(engine, file, pg);
        RenewalCaseRow k = f.openCase("K-3");
        assertThatThrownBy(() -> f.db.jdbi().useTransaction(h -> {
            f.repos.cases().updateState(k.id(), 0, CaseState.ID_VERIFIED, "teller01", null);
            throw new IllegalStateException("audit append failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(f.repos.cases().find(k.id()).orElseThrow().state()).isEqualTo(CaseState.OPENED);
        assertThat(f.repos.cases().history(k.id())).hasSize(1);
    }

    /** Moves a case step by step (the renewal module's trigger refuses skipped steps) up to the target state. */
    private static void walk(Fixtures f, RenewalCaseRow k, CaseState target) {
        RenewalCaseRow at = k;
        for (CaseState s : CaseState.values()) {
            if (s.ordinal() > at.state().ordinal() && s.ordinal() <= target.ordinal()) {
                at = f.repos.cases().updateState(at.id(), at.version(), s, "teller01", null);
            }
        }
    }

    @Test
    void pendingCasesAndATellersDay(DatabaseFile file, PostgresDatabase pg) {
        Fixtures f = new Fixtures(engine, file, pg);
        f.repos.staff().create("teller02", "Teller Two", StaffRole.TELLER, "0102", "pw".toCharArray());
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        // 2026-03-02 in Shanghai runs from 2026-03-01T16:00Z to 2026-03-02T16:00Z
        f.clock.set(Instant.parse("2026-03-01T15:59:59Z"));
        RenewalCaseRow dayBefore = f.openCase("K-A");
        f.clock.set(Instant.parse("2026-03-01T16:00:00Z"));
        RenewalCaseRow first = f.openCase("K-B");
        f.clock.set(Instant.parse("2026-03-02T09:00:00Z"));
        RenewalCaseRow second = f.openCase("K-C");
        RenewalCaseRow otherTeller = f.repos.cases().open("K-D", "0102-W01", "teller02", null, null, null);
        f.clock.set(Instant.parse("2026-03-02T16:00:00Z"));
        RenewalCaseRow nextDay = f.openCase("K-E");
        assertThat(f.repos.cases().ofTellerOnDay("teller01", LocalDate.of(2026, 3, 2), shanghai))
                .extracting(RenewalCaseRow::caseNo).containsExactly("K-B", "K-C");

        walk(f, first, CaseState.CSR_QUEUED);
        walk(f, second, CaseState.COMPLETED);
        f.repos.cases().updateState(nextDay.id(), 0, CaseState.ABORTED, "teller01", "wrong token");
        assertThat(f.repos.cases().inStates(EnumSet.of(CaseState.CSR_QUEUED, CaseState.CERT_RECEIVED)))
                .extracting(RenewalCaseRow::caseNo).containsExactly("K-B");
        assertThat(f.repos.cases().unfinished()).extracting(RenewalCaseRow::caseNo)
                .containsExactlyInAnyOrder(dayBefore.caseNo(), otherTeller.caseNo(), "K-B");
        assertThat(f.repos.cases().inStates(List.of())).isEmpty();
    }
}
