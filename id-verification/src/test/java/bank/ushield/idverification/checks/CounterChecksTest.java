package bank.ushield.idverification.checks;

import bank.ushield.idverification.TestCustomer;
import bank.ushield.idverification.CustomerRecord;
import bank.ushield.idverification.Finding;
import bank.ushield.idverification.ReasonCode;
import bank.ushield.idverification.Verdict;
import bank.ushield.idverification.CustomerRecord.CertificateStatus;
import bank.ushield.idverification.CustomerRecord.TokenStatus;
import bank.ushield.idverification.token.TokenIdentity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The token entry point combines identity and eligibility the way the renewal case needs them. */
class CounterChecksTest {

    private static final String ISSUER = "CN=Personal ICBC CA,O=ICBC,C=CN";
    private static final String SUBJECT = "CN=张三.C0001.01,O=ICBC,C=CN";
    private final CounterChecks checks = CounterChecks.defaults(TestCustomer.HASHER);

    private static TestCustomer customer(CertificateStatus status) {
        return TestCustomer.zhang().withTokens(new CustomerRecord.Token("T1", Optional.of("1234567890"), "WD-U2", "WD",
                TokenStatus.ACTIVE, List.of(new CustomerRecord.Certificate("0A", ISSUER, SUBJECT,
                Instant.parse("2021-10-10T16:00:00Z"), Instant.parse("2026-10-10T15:59:59Z"), status))));
    }

    private static TokenIdentity token() {
        return new TokenIdentity("T1", "WD-U2", List.of(new TokenIdentity.Certificate("0a", ISSUER, SUBJECT)));
    }

    @Test
    void fortyFiveDaysAfterExpiryTheRightTokenPassesForCounterRenewal() {
        // notAfter 2026-10-10T15:59:59Z is 2026-10-10 23:59:59 in Beijing; visit 2026-11-24 is day 45
        Finding r = checks.token(token(), Optional.of("1234567890"), customer(CertificateStatus.ACTIVE),
                LocalDate.of(2026, 11, 24));
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.evidence()).containsEntry("eligibility", "COUNTER_RENEWAL_REQUIRED")
                .containsEntry("daysAfterExpiry", "45").containsKey("tokenSerial");
    }

    @Test
    void tenDaysAfterExpiryTheTellerIsToldSelfServiceWouldDo() {
        Finding r = checks.token(token(), Optional.of("1234567890"), customer(CertificateStatus.ACTIVE),
                LocalDate.of(2026, 10, 20));
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.reason()).isEqualTo(ReasonCode.SELF_SERVICE_AVAILABLE);
    }

    @Test
    void aRevokedCertificateAsksForAReplacementAndIdentityFailuresComeFirst() {
        Finding revoked = checks.token(token(), Optional.of("1234567890"), customer(CertificateStatus.REVOKED),
                LocalDate.of(2026, 11, 24));
        assertThat(revoked.reason()).isEqualTo(ReasonCode.REPLACE_TOKEN_REVOKED);
        Finding wrongVoucher = checks.token(token(), Optional.of("0000000000"), customer(CertificateStatus.REVOKED),
                LocalDate.of(2026, 11, 24));
        assertThat(wrongVoucher.reason()).isEqualTo(ReasonCode.TOKEN_VOUCHER_MISMATCH);
    }

    @Test
    void aTokenWithoutCertificatesNeedsAManager() {
        Finding r = checks.token(new TokenIdentity("T1", "WD-U2", List.of()), Optional.of("1234567890"),
                customer(CertificateStatus.ACTIVE), LocalDate.of(2026, 11, 24));
        assertThat(r.verdict()).isEqualTo(Verdict.NEEDS_MANAGER);
        assertThat(r.reason()).isEqualTo(ReasonCode.TOKEN_NO_CERTIFICATE);
        assertThat(r.evidence()).containsKey("eligibility");
    }
}
