package bank.ushield.idverification.eligibility;

import bank.ushield.idverification.CustomerRecord;
import bank.ushield.idverification.CustomerRecord.CertificateStatus;
import bank.ushield.idverification.Verdict;
import bank.ushield.idverification.ReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EligibilityCheckTest {

    private static final LocalDate EXPIRY = LocalDate.of(2026, 6, 15);
    private final EligibilityCheck check = new EligibilityCheck(EligibilityPolicy.defaults());

    @ParameterizedTest(name = "day {0} after expiry -> {1}")
    @CsvSource({
            "-120, TOO_EARLY",
            "-91, TOO_EARLY",
            "-90, SELF_SERVICE_WINDOW",
            "-89, SELF_SERVICE_WINDOW",
            "0, SELF_SERVICE_WINDOW",
            "29, SELF_SERVICE_WINDOW",
            "30, SELF_SERVICE_WINDOW",
            "31, COUNTER_RENEWAL_REQUIRED",
            "45, COUNTER_RENEWAL_REQUIRED",
            "1800, COUNTER_RENEWAL_REQUIRED",
    })
    void boundaryDaysOfTheDefaultPolicy(long day, Eligibility expected) {
        EligibilityDecision d = check.decide(EXPIRY, CertificateStatus.ACTIVE, EXPIRY.plusDays(day));
        assertThat(d.eligibility()).isEqualTo(expected);
        assertThat(d.daysAfterExpiry()).contains(day);
    }

    @Test
    void resultsTellTheTellerWhatToDo() {
        assertThat(check.decide(EXPIRY, CertificateStatus.ACTIVE, EXPIRY.plusDays(31)).toFinding().verdict())
                .isEqualTo(Verdict.PASS);
        var window = check.decide(EXPIRY, CertificateStatus.ACTIVE, EXPIRY.plusDays(30)).toFinding();
        assertThat(window.verdict()).isEqualTo(Verdict.PASS);
        assertThat(window.reason()).isEqualTo(ReasonCode.SELF_SERVICE_AVAILABLE);
        var early = check.decide(EXPIRY, CertificateStatus.ACTIVE, EXPIRY.minusDays(91)).toFinding();
        assertThat(early.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(early.reason()).isEqualTo(ReasonCode.TOO_EARLY);
        assertThat(early.evidence()).containsEntry("daysAfterExpiry", "-91").containsEntry("certificateExpiry", "2026-06-15");
    }

    @Test
    void leapDayExpiryCountsCalendarDays() {
        LocalDate leapExpiry = LocalDate.of(2028, 2, 29);
        // 2028-03-30 is day 30, 2028-03-31 day 31
        assertThat(check.decide(leapExpiry, CertificateStatus.ACTIVE, LocalDate.of(2028, 3, 30)).eligibility())
                .isEqualTo(Eligibility.SELF_SERVICE_WINDOW);
        assertThat(check.decide(leapExpiry, CertificateStatus.ACTIVE, LocalDate.of(2028, 3, 31)).eligibility())
                .isEqualTo(Eligibility.COUNTER_RENEWAL_REQUIRED);
        // 90 days before 2028-02-29 is 2027-12-01 (Dec 31 + Jan 31 + Feb 28 = 90)
        assertThat(check.decide(leapExpiry, CertificateStatus.ACTIVE, LocalDate.of(2027, 12, 1)).eligibility())
                .isEqualTo(Eligibility.SELF_SERVICE_WINDOW);
        assertThat(check.decide(leapExpiry, CertificateStatus.ACTIVE, LocalDate.of(2027, 11, 30)).eligibility())
                .isEqualTo(Eligibility.TOO_EARLY);
        // a certificate issued on a leap day for five years expires on Feb 28 of a common year
        assertThat(LocalDate.of(2024, 2, 29).plusYears(5)).isEqualTo(LocalDate.of(2029, 2, 28));
        assertThat(check.decide(LocalDate.of(2029, 2, 28), CertificateStatus.ACTIVE, LocalDate.of(2029, 3, 31))
                .daysAfterExpiry()).contains(31L);
    }

    @Test
    void notAfterInstantsBecomeDatesInShanghai() {
        // 2026-06-15T16:30Z is already 2026-06-16 00:30 in Beijing time
        Instant notAfter = Instant.parse("2026-06-15T16:30:00Z");
        assertThat(check.decide(notAfter, CertificateStatus.ACTIVE, LocalDate.of(2026, 7, 16)).daysAfterExpiry())
                .contains(30L);
    }

    @Test
    void revokedCertificatesAndEndOfLifeModelsNeedAReplacementToken() throws Exception {
        var revoked = check.decide(EXPIRY, CertificateStatus.REVOKED, EXPIRY.plusDays(45));
        assertThat(revoked.eligibility()).isEqualTo(Eligibility.REPLACE_TOKEN);
        assertThat(revoked.toFinding().reason()).isEqualTo(ReasonCode.REPLACE_TOKEN_REVOKED);

        var policy = EligibilityPolicy.read(new StringReader("token.endOfLifeModels = WD-U1, SafeSign 3000\n"));
        var eol = new EligibilityCheck(policy).decide(token("safesign 3000", CustomerRecord.TokenStatus.ACTIVE,
                cert(CertificateStatus.ACTIVE)), EXPIRY.plusDays(45));
        assertThat(eol.eligibility()).isEqualTo(Eligibility.REPLACE_TOKEN);
        assertThat(eol.reason()).isEqualTo(ReasonCode.REPLACE_TOKEN_END_OF_LIFE);

        var registeredEol = check.decide(token("X", CustomerRecord.TokenStatus.END_OF_LIFE, cert(CertificateStatus.ACTIVE)),
                EXPIRY.plusDays(45));
        assertThat(registeredEol.eligibility()).isEqualTo(Eligibility.REPLACE_TOKEN);
    }

    @Test
    void theNewestNonSupersededCertificateDecides() {
        var old = new CustomerRecord.Certificate("01", "CN=CA", "CN=张三", Instant.parse("2016-01-01T00:00:00Z"),
                Instant.parse("2021-01-01T00:00:00Z"), CertificateStatus.SUPERSEDED);
        var t = token("M", CustomerRecord.TokenStatus.ACTIVE, old, cert(CertificateStatus.ACTIVE));
        assertThat(check.decide(t, EXPIRY.plusDays(45)).daysAfterExpiry()).contains(45L);
        var none = check.decide(token("M", CustomerRecord.TokenStatus.ACTIVE, old), EXPIRY);
        assertThat(none.eligibility()).isEqualTo(Eligibility.UNDETERMINED);
        assertThat(none.toFinding().verdict()).isEqualTo(Verdict.NEEDS_MANAGER);
    }

    @Test
    void aBranchPolicyFileOverridesTheWindow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.properties");
        Files.writeString(file, "selfService.daysAfterExpiry=1800\n");
        var web = new EligibilityCheck(EligibilityPolicy.load(file));
        assertThat(web.policy().selfServiceDaysBeforeExpiry()).isEqualTo(90);
        assertThat(web.decide(EXPIRY, CertificateStatus.ACTIVE, EXPIRY.plusDays(1800)).eligibility())
                .isEqualTo(Eligibility.SELF_SERVICE_WINDOW);
        assertThat(web.decide(EXPIRY, CertificateStatus.ACTIVE, EXPIRY.plusDays(1801)).eligibility())
                .isEqualTo(Eligibility.COUNTER_RENEWAL_REQUIRED);
    }

    @Test
    void badPolicyFilesAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> EligibilityPolicy.read(new StringReader("selfService.daysAfterExpiry=thirty")))
                .hasMessageContaining("selfService.daysAfterExpiry");
        assertThatThrownBy(() -> EligibilityPolicy.read(new StringReader("selfService.daysBeforeExpiry=-1")))
                .hasMessageContaining("selfService.daysBeforeExpiry");
        assertThatThrownBy(() -> EligibilityPolicy.read(new StringReader("zone=Mars/Olympus")))
                .hasMessageContaining("zone");
    }

    private static CustomerRecord.Certificate cert(CertificateStatus status) {
        return new CustomerRecord.Certificate("02", "CN=Personal ICBC CA", "CN=张三",
                Instant.parse("2021-06-15T04:00:00Z"), Instant.parse("2026-06-15T04:00:00Z"), status);
    }

    private static CustomerRecord.Token token(String model, CustomerRecord.TokenStatus status,
                                              CustomerRecord.Certificate... certs) {
        return new CustomerRecord.Token("TK0001", Optional.of("1234567890"), model, "Vendor", status, List.of(certs));
    }
}
