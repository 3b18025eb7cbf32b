package bank.ushield.idverification.token;

import bank.ushield.idverification.Finding;
import bank.ushield.idverification.CustomerRecord;
import bank.ushield.idverification.CustomerRecord.CertificateStatus;
import bank.ushield.idverification.CustomerRecord.TokenStatus;
import bank.ushield.idverification.Verdict;
import bank.ushield.idverification.ReasonCode;
import bank.ushield.idverification.TestCustomer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TokenIdentityCheckTest {

    private static final String ISSUER = "CN=Personal ICBC CA,O=ICBC,C=CN";
    private static final String SUBJECT = "CN=张三.C0001.01,OU=Personal,O=ICBC,C=CN";
    private final TokenIdentityCheck check = new TokenIdentityCheck();

    private static CustomerRecord.Certificate registeredCert(String serial, String subject, CertificateStatus status) {
        return new CustomerRecord.Certificate(serial, ISSUER, subject, Instant.parse("2021-06-15T00:00:00Z"),
                Instant.parse("2026-06-15T00:00:00Z"), status);
    }

    private static TestCustomer customer(TokenStatus status, Optional<String> voucher) {
        return TestCustomer.zhang().withTokens(new CustomerRecord.Token("2091A3C4D5E6F701", voucher, "WD-U2",
                "Watchdata", status, List.of(registeredCert("1A2B3C", SUBJECT, CertificateStatus.ACTIVE))));
    }

    private static TokenIdentity presented(String serial, TokenIdentity.Certificate... certs) {
        return new TokenIdentity(serial, "WD-U2", List.of(certs));
    }

    private static TokenIdentity.Certificate cert(String serial, String subject) {
        return new TokenIdentity.Certificate(serial, ISSUER, subject);
    }

    @Test
    void theCustomersOwnTokenPassesWithMaskedEvidence() {
        // DN written in another order of spacing and hex case: compared canonically
        Finding r = check.check(presented("2091A3C4D5E6F701  ", cert("1a2b3c", "CN=张三.C0001.01, OU=Personal, O=ICBC, C=CN")),
                Optional.of("1234567890"), customer(TokenStatus.ACTIVE, Optional.of("1234567890")));
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.evidence()).containsEntry("tokenSerial", "************F701").containsEntry("mediaVoucher", "******7890");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "LOST, TOKEN_REPORTED_LOST",
            "REPLACED, TOKEN_REPLACED",
    })
    void lostOrReplacedTokensFail(TokenStatus status, ReasonCode reason) {
        Finding r = check.check(presented("2091A3C4D5E6F701", cert("1A2B3C", SUBJECT)), Optional.of("1234567890"),
                customer(status, Optional.of("1234567890")));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.reason()).isEqualTo(reason);
    }

    @Test
    void anEndOfLifeTokenIsStillTheCustomersOwn() {
        assertThat(check.check(presented("2091A3C4D5E6F701", cert("1A2B3C", SUBJECT)), Optional.of("1234567890"),
                customer(TokenStatus.END_OF_LIFE, Optional.of("1234567890"))).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void anotherCustomersTokenFails() {
        assertThat(check.check(presented("FFFF000011112222", cert("1A2B3C", SUBJECT)), Optional.of("1234567890"),
                customer(TokenStatus.ACTIVE, Optional.of("1234567890"))).reason()).isEqualTo(ReasonCode.TOKEN_NOT_CUSTOMERS);
        assertThat(check.check(presented("", cert("1A2B3C", SUBJECT)), Optional.empty(),
                customer(TokenStatus.ACTIVE, Optional.empty())).reason()).isEqualTo(ReasonCode.TOKEN_SERIAL_FORMAT);
    }

    @Test
    void theMediaVoucherNumberMustMatch() {
        var c = customer(TokenStatus.ACTIVE, Optional.of("1234567890"));
        var t = presented("2091A3C4D5E6F701", cert("1A2B3C", SUBJECT));
        assertThat(check.check(t, Optional.of("1234567891"), c).reason()).isEqualTo(ReasonCode.TOKEN_VOUCHER_MISMATCH);
        assertThat(check.check(t, Optional.of("123456789"), c).reason()).isEqualTo(ReasonCode.TOKEN_VOUCHER_FORMAT);
        assertThat(check.check(t, Optional.of("１２３４５６７８９０"), c).reason()).isEqualTo(ReasonCode.TOKEN_VOUCHER_FORMAT);
        assertThat(check.check(t, Optional.empty(), c).reason()).isEqualTo(ReasonCode.TOKEN_VOUCHER_FORMAT);
        Finding unregistered = check.check(t, Optional.empty(), customer(TokenStatus.ACTIVE, Optional.empty()));
        assertThat(unregistered.verdict()).isEqualTo(Verdict.PASS);
        assertThat(unregistered.reason()).isEqualTo(ReasonCode.TOKEN_VOUCHER_NOT_REGISTERED);
    }

    @Test
    void certificatesMustBeOnRecordAndNameTheCustomer() {
        var c = customer(TokenStatus.ACTIVE, Optional.of("1234567890"));
        assertThat(check.check(presented("2091A3C4D5E6F701", cert("999999", SUBJECT)), Optional.of("1234567890"), c)
                .reason()).isEqualTo(ReasonCode.CERTIFICATE_NOT_ON_RECORD);
        assertThat(check.check(presented("2091A3C4D5E6F701"), Optional.of("1234567890"), c).verdict())
                .isEqualTo(Verdict.NEEDS_MANAGER);
        // registered, but the subject read from the token differs from the record
        assertThat(check.check(presented("2091A3C4D5E6F701", cert("1A2B3C", "CN=李四.C0002.01,O=ICBC,C=CN")),
                Optional.of("1234567890"), c).reason()).isEqualTo(ReasonCode.CERTIFICATE_SUBJECT_MISMATCH);
        // registered with a subject that names somebody else
        var wrongRecord = TestCustomer.zhang().withTokens(new CustomerRecord.Token("T1", Optional.empty(), "M", "V",
                TokenStatus.ACTIVE, List.of(registeredCert("01", "CN=李四.C0002.01,O=ICBC,C=CN", CertificateStatus.ACTIVE))));
        assertThat(check.check(presented("T1", cert("01", "CN=李四.C0002.01,O=ICBC,C=CN")), Optional.empty(), wrongRecord)
                .reason()).isEqualTo(ReasonCode.CERTIFICATE_SUBJECT_MISMATCH);
        assertThat(check.check(presented("2091A3C4D5E6F701", cert("1A2B3C", "not a DN ===")), Optional.of("1234567890"), c)
                .verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void subjectNamingRules() {
        var zhang = TestCustomer.zhang();
        assertThat(TokenIdentityCheck.namesCustomer("CN=张三,O=ICBC", zhang)).isTrue();
        assertThat(TokenIdentityCheck.namesCustomer("CN=ＺＨＡＮＧ,SERIALNUMBER=C0001", zhang)).isTrue();
        assertThat(TokenIdentityCheck.namesCustomer("CN=041@张三@C0001@1", zhang)).isTrue();
        assertThat(TokenIdentityCheck.namesCustomer("CN=张三丰,O=ICBC", zhang)).isFalse();
        assertThat(TokenIdentityCheck.namesCustomer("CN=李四,O=ICBC", zhang)).isFalse();
    }
}
