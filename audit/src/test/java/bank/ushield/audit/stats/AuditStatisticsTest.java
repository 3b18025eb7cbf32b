package bank.ushield.audit.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.audit.SteppingClock;
import bank.ushield.audit.TestDatabases;
import bank.ushield.db.Database;
import bank.ushield.db.Engine;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

/** The chart aggregates over a hand-made day where counting entries instead of cases would show. */
@ParameterizedClass
@EnumSource(Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class AuditStatisticsTest {

    @Parameter
    Engine engine;


    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    @Test
    void failureReasonsCountOncePerReasonPerCaseAndAnAbortOnlyWithoutAnotherFailure(DatabaseFile file, PostgresDatabase pg) {
        Database db = TestDatabases.open(engine, file, pg, "0102-W03");
        try (AuditLog log = AuditLog.open(db, "0102-W03",
                new SteppingClock(DAY.atTime(9, 0).atZone(SHANGHAI).toInstant(), Duration.ofMinutes(1)))) {
            // Case 1: the card of another customer, tried twice, then the case is aborted for the card check.
            append(log, AuditEventType.CHECK_FAILED, AuditOutcome.FAILED, 1L, "code", "CARD_NOT_CUSTOMERS");
            append(log, AuditEventType.CHECK_FAILED, AuditOutcome.FAILED, 1L, "code", "CARD_NOT_CUSTOMERS");
            append(log, AuditEventType.CASE_ABORTED, AuditOutcome.OK, 1L, "reason", "CARD_CHECK_FAILED");
            // Case 2: two wrong PINs, then the right one (the case completes).
            append(log, AuditEventType.PIN_ENTRY_FAILED, AuditOutcome.FAILED, 2L, "problem", "WRONG_PIN");
            append(log, AuditEventType.PIN_ENTRY_FAILED, AuditOutcome.FAILED, 2L, "problem", "WRONG_PIN");
            append(log, AuditEventType.CASE_COMPLETED, AuditOutcome.OK, 2L, "state", "COMPLETED");
            // Case 3: a wrong PIN, then the PIN locks and the case is aborted for it.
            append(log, AuditEventType.PIN_ENTRY_FAILED, AuditOutcome.FAILED, 3L, "problem", "WRONG_PIN");
            append(log, AuditEventType.PIN_LOCKED, AuditOutcome.FAILED, 3L, "problem", "PIN_LOCKED");
            append(log, AuditEventType.CASE_ABORTED, AuditOutcome.OK, 3L, "reason", "PIN_LOCKED");
            // Case 4: the customer walked away; the abort is the only trace, so it counts.
            append(log, AuditEventType.CASE_ABORTED, AuditOutcome.OK, 4L, "reason", "CUSTOMER_WITHDREW");
            // No case: two wrong passwords at login count one each.
            append(log, AuditEventType.LOGIN_FAILED, AuditOutcome.FAILED, null, "reason", "WRONG_PASSWORD");
            append(log, AuditEventType.LOGIN_FAILED, AuditOutcome.FAILED, null, "reason", "WRONG_PASSWORD");
        }
        try (AuditLog nextDay = AuditLog.open(db, "0102-W03",
                new SteppingClock(DAY.plusDays(1).atTime(9, 0).atZone(SHANGHAI).toInstant(), Duration.ofMinutes(1)))) {
            // Outside the period.
            append(nextDay, AuditEventType.CHECK_FAILED, AuditOutcome.FAILED, 5L, "code", "DOCUMENT_EXPIRED");
        }

        AuditStatistics stats = new AuditStatistics(db, SHANGHAI);
        Map<String, Long> counts = new LinkedHashMap<>();
        stats.failureReasons(DAY, DAY).forEach(k -> counts.put(k.key(), k.count()));

        // Most first, ties by name. Counting entries would give CARD_NOT_CUSTOMERS 2, WRONG_PIN 3, PIN_LOCKED 2 and CARD_CHECK_FAILED 1.
        assertThat(counts).containsExactly(Map.entry("WRONG_PASSWORD", 2L), Map.entry("WRONG_PIN", 2L),
                Map.entry("CARD_NOT_CUSTOMERS", 1L), Map.entry("CUSTOMER_WITHDREW", 1L), Map.entry("PIN_LOCKED", 1L));
    }

    @Test
    void machineTimePerDayIsFromTheTokenCheckToTheInstalledCertificateOnBothEngines(DatabaseFile file,
                                                                                     PostgresDatabase pg) {
        Database db = TestDatabases.open(engine, file, pg, "0102-W03");
        try (AuditLog log = AuditLog.open(db, "0102-W03",
                new SteppingClock(DAY.atTime(9, 0).atZone(SHANGHAI).toInstant(), Duration.ofMinutes(1)))) {
            // Case 1: token checked, 3 minutes later installed; case 2: 1 minute (the clock steps a minute each).
            append(log, AuditEventType.CASE_TOKEN_VERIFIED, AuditOutcome.OK, 1L, "state", "TOKEN_VERIFIED");
            append(log, AuditEventType.CASE_TOKEN_VERIFIED, AuditOutcome.OK, 2L, "state", "TOKEN_VERIFIED");
            append(log, AuditEventType.CASE_CERT_INSTALLED, AuditOutcome.OK, 2L, "state", "INSTALLED");
            append(log, AuditEventType.CASE_CERT_INSTALLED, AuditOutcome.OK, 1L, "state", "INSTALLED");
        }
        assertThat(new AuditStatistics(db, SHANGHAI).machineTimePerDay(DAY, DAY)).singleElement().satisfies(d -> {
            assertThat(d.day()).isEqualTo(DAY);
            assertThat(d.cases()).isEqualTo(2);
            assertThat(d.averageSeconds()).isCloseTo(120.0, org.assertj.core.data.Offset.offset(0.01));
        });
    }

    private static void append(AuditLog log, AuditEventType type, AuditOutcome outcome, Long caseId, String key,
                               String value) {
        AuditEvent.Builder b = AuditEvent.builder(type, outcome).actor("teller01", "TELLER").detail(key, value);
        if (caseId != null) {
            b.caseId(caseId);
        }
        log.append(b.build());
    }
}
