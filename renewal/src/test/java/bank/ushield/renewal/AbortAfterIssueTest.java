package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import bank.ushield.audit.AuditVerifier;
import bank.ushield.audit.VerifyReport;
import bank.ushield.casync.format.BatchFormat;
import bank.ushield.casync.format.RequestBatch;
import bank.ushield.token.KeyAlgorithm;
import bank.ushield.db.CaseState;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.renewal.wiring.TrainingWorld;
import bank.ushield.token.pin.PinPrompter;

/**
 * ADR 0050 in training mode (simulated token, in-process head office, real SQLite file and audit log): a case aborted
 * after head office issued its certificate leaves that certificate ABANDONED, not ACTIVE; the customer's next case
 * reads the real (expired) certificate; the revocation goes to head office in the next signed batch and comes back on
 * its CRL; an abort that could leave the token worse than before is refused.
 */
class AbortAfterIssueTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneOffset.UTC);
    static final PinPrompter PIN = r -> TrainingWorld.TOKEN_PIN.toCharArray();
    static final String ID = "11010519491231002X";

    /** EC from head office's main root; SM2 from its SM2 root, whose own CRL (SM3withSM2) must list it. */
    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"EC_P256", "SM2"})
    void abortedAfterIssueTheNewCertificateIsAbandonedRevokedAtHeadOfficeAndTheNextCaseReadsTheRealOne(
            KeyAlgorithm algorithm, @TempDir Path dir) throws Exception {
        String serial = "SIM0000000000051";
        try (RenewalWorkstation ws = received(dir, "C0051", serial, algorithm)) {
            RenewalService s = teller(ws);
            RenewalCase c = s.find(s.resumableCases().get(0).renewalCase().id());
            long newCert = c.newCertificateId();
            long oldCert = c.oldCertificateId();

            RenewalCase aborted = s.abort(c.id(), AbortReason.CUSTOMER_WITHDREW);

            assertThat(aborted.state()).isEqualTo(CaseState.ABORTED);
            assertThat(status(ws, newCert)).isEqualTo("ABANDONED");
            assertThat(status(ws, oldCert)).isEqualTo("ACTIVE");
            String queued = ws.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT reason || '/' || coalesce(request_batch_id, 'unsent') FROM certificate_revocation_request "
                            + "WHERE certificate_id = :c").bind("c", newCert).mapTo(String.class).one());
            assertThat(queued).isEqualTo("cessationOfOperation/unsent");
            assertThat(events(ws, c.id())).contains("CASE_ABORTED", "CASE_CERTIFICATE_ABANDONED");
            assertThat(s.receipt(c.id()).newCertificate()).as("the receipt does not show an abandoned certificate")
                    .isNull();

            // The customer comes back: the eligibility check reads the real certificate, expired 45 days.
            RenewalCase next = s.open("C0051");
            assertThat(next.oldCertificateId()).isEqualTo(oldCert);
            s.verifyId(next.id(), idCard());
            s.verifyCard(next.id(), new PresentedCard(Seed.PAN, true));
            assertThat(s.verifyToken(next.id(), Seed.voucher(serial))).isInstanceOf(Outcome.Advanced.class);

            // The next sync sends the revocation even though no request waits, and head office revokes it.
            HeadOfficeLink.SyncReport sync = s.syncNow();
            assertThat(sync.requestsSent()).isZero();
            RequestBatch sent = lastRequestBatch(dir);
            assertThat(sent.requests()).isEmpty();
            assertThat(sent.revocations()).singleElement().satisfies(r -> {
                assertThat(r.requestId()).isEqualTo(c.caseNo());
                assertThat(r.reason()).isEqualTo("cessationOfOperation");
                assertThat(r.serialHex()).isEqualTo(serialOf(ws, newCert));
            });
            X509CertificateHolder issued = certificateOf(ws, newCert);
            assertThat(KeyKind.of(issued.getSubjectPublicKeyInfo())).isEqualTo(KeyPolicy.kind(algorithm));
            X509CRLHolder crl = latestCrl(ws, issued);
            assertThat(crl.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(root(ws, issued))))
                    .as("the CRL is signed by the root that issued the certificate").isTrue();
            assertThat(crl.toASN1Structure().getSignatureAlgorithm().getAlgorithm().getId())
                    .as("the training head office's main root is RSA; its SM2 root signs SM3withSM2")
                    .isEqualTo(algorithm == KeyAlgorithm.SM2 ? "1.2.156.10197.1.501" : "1.2.840.113549.1.1.11");
            X509CRLEntryHolder entry = crl.getRevokedCertificate(new BigInteger(serialOf(ws, newCert), 16));
            assertThat(entry).as("head office's CRL lists the abandoned certificate").isNotNull();
            assertThat(CRLReason.getInstance(entry.getExtensions().getExtensionParsedValue(Extension.reasonCode))
                    .getValue().intValue()).isEqualTo(CRLReason.cessationOfOperation);
            int unsent = ws.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM certificate_revocation_request WHERE request_batch_id IS NULL")
                    .mapTo(Integer.class).one());
            assertThat(unsent).isZero();
            assertThat(events(ws, c.id())).contains("CASE_REVOCATION_SENT", "CASE_REVOCATION_CONFIRMED");
            String confirmed = ws.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT confirmed_at IS NOT NULL AND crl_sha256 IS NOT NULL FROM certificate_revocation_request")
                    .mapTo(String.class).one());
            assertThat(confirmed).isEqualTo("1");
            assertThat(status(ws, newCert)).as("never the customer's certificate, even once revoked")
                    .isEqualTo("ABANDONED");
            // Sent once: a second sync sends no request and no revocation again (a checkpoint-only batch that
            // anchors the grown audit log at head office may go out: ADR 0058).
            s.syncNow();
            List<Path> after = requestBatches(dir);
            for (Path later : after.subList(1, after.size())) {
                RequestBatch again = decode(later);
                assertThat(again.requests()).isEmpty();
                assertThat(again.revocations()).isEmpty();
            }

            VerifyReport report = AuditVerifier.verify(ws.database());
            assertThat(report.ok()).as(report.summary()).isTrue();
        }
    }

    @Test
    void anInstalledCertificateCannotBeAbortedAwayExceptForAFaultyToken(@TempDir Path dir) {
        try (RenewalWorkstation ws = received(dir, "C0052", "SIM0000000000052")) {
            RenewalService s = teller(ws);
            RenewalCase c = s.find(s.resumableCases().get(0).renewalCase().id());
            assertThat(s.install(c.id(), PIN).renewalCase().state()).isEqualTo(CaseState.CERT_INSTALLED);

            assertThatThrownBy(() -> s.abort(c.id(), AbortReason.CUSTOMER_WITHDREW))
                    .isInstanceOfSatisfying(RenewalException.class,
                            e -> assertThat(e.code()).isEqualTo(ProblemCode.ABORT_NEEDS_COMPLETION));
            assertThat(s.find(c.id()).state()).isEqualTo(CaseState.CERT_INSTALLED);
            assertThat(status(ws, c.newCertificateId())).isEqualTo("ACTIVE");
            assertThat(events(ws, c.id())).contains("CASE_ABORT_REFUSED");

            // A token that fails its self-test for good is out of service: that abort closes the case and revokes.
            assertThat(s.abort(c.id(), AbortReason.TOKEN_FAULT).state()).isEqualTo(CaseState.ABORTED);
            assertThat(status(ws, c.newCertificateId())).isEqualTo("ABANDONED");
            Receipt receipt = s.receipt(c.id());
            assertThat(receipt.nextStep()).as("the receipt does not say the token is unchanged")
                    .isEqualTo(Receipt.NextStep.REPLACE_TOKEN);
            assertThat(receipt.newCertificate()).isNull();
            assertThat(ws.receiptPdf().render(receipt)).isNotEmpty();
            VerifyReport report = AuditVerifier.verify(ws.database());
            assertThat(report.ok()).as(report.summary()).isTrue();
        }
    }

    @Test
    void anInstallThatStartedNeedsTheTokenToShowNothingWasWrittenBeforeTheCaseMayBeAborted(@TempDir Path dir) {
        String serial = "SIM0000000000053";
        try (RenewalWorkstation ws = received(dir, "C0053", serial)) {
            RenewalService s = teller(ws);
            TrainingWorld world = ws.trainingWorld().orElseThrow();
            RenewalCase c = s.find(s.resumableCases().get(0).renewalCase().id());
            // The customer comes back (a new visit: ADR 0074) and cancels the PIN dialog of the install step: the
            // intent is recorded, nothing is written.
            s.endVisit();
            assertThatThrownBy(() -> s.install(c.id(), r -> null)).isInstanceOf(RenewalException.class);
            assertThat(s.find(c.id()).installStartedAt()).isNotNull();
            assertThat(events(ws, c.id())).contains("CASE_CERT_INSTALL_STARTED");

            world.pullOut(serial);
            assertThatThrownBy(() -> s.abort(c.id(), AbortReason.CUSTOMER_WITHDREW))
                    .isInstanceOfSatisfying(RenewalException.class,
                            e -> assertThat(e.code()).isEqualTo(ProblemCode.ABORT_NEEDS_TOKEN));
            assertThat(s.find(c.id()).state()).isEqualTo(CaseState.CERT_RECEIVED);

            world.insert(serial);
            assertThat(s.abort(c.id(), AbortReason.CUSTOMER_WITHDREW).state()).isEqualTo(CaseState.ABORTED);
            assertThat(status(ws, c.newCertificateId())).isEqualTo("ABANDONED");
            String abortDetails = ws.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT details FROM audit_entry WHERE case_id = :c AND event_type = 'CASE_ABORTED'")
                    .bind("c", c.id()).mapTo(String.class).one());
            assertThat(abortDetails).contains("\"tokenCheckedAtAbort\":true").contains("\"tokenKeepsOldObjects\":\"true\"");
        }
    }

    // ---- helpers ----

    /**
     * A training workstation whose only case, for a customer expired 45 days, waits in CERT_RECEIVED with the token in
     * the reader (the caller closes the workstation).
     */
    private static RenewalWorkstation received(Path dir, String customerNo, String serial) {
        return received(dir, customerNo, serial, KeyAlgorithm.EC_P256);
    }

    private static RenewalWorkstation received(Path dir, String customerNo, String serial, KeyAlgorithm algorithm) {
        Seed.site(dir, CLOCK);
        Seed.customer(dir, CLOCK, customerNo, "张三", ID, LocalDate.of(1949, 12, 31), Seed.PAN, serial, 45);
        RenewalWorkstation ws = RenewalWorkstation.training(dir, Seed.WS, algorithm, CLOCK);
        try {
            ws.trainingWorld().orElseThrow().insert(serial);
            toCertReceived(teller(ws), customerNo, serial);
            return ws;
        } catch (RuntimeException | AssertionError e) {
            ws.close();
            throw e;
        }
    }

    private static RenewalService teller(RenewalWorkstation ws) {
        return ws.renewals(ws.login("teller1", ("teller1" + Seed.PASSWORD_SUFFIX).toCharArray()));
    }

    static PresentedDocument idCard() {
        return new PresentedDocument("RESIDENT_ID", ID, "张三", LocalDate.of(1949, 12, 31), LocalDate.of(2010, 1, 1),
                null, true);
    }

    private static RenewalCase toCertReceived(RenewalService s, String customerNo, String serial) {
        RenewalCase c = s.open(customerNo);
        assertThat(s.verifyId(c.id(), idCard())).isInstanceOf(Outcome.Advanced.class);
        assertThat(s.verifyCard(c.id(), new PresentedCard(Seed.PAN, true))).isInstanceOf(Outcome.Advanced.class);
        assertThat(s.verifyToken(c.id(), Seed.voucher(serial))).isInstanceOf(Outcome.Advanced.class);
        s.generateKey(c.id(), PIN);
        s.queueRequest(c.id());
        assertThat(s.syncNow().certificatesReceived()).isEqualTo(1);
        RenewalCase received = s.find(c.id());
        assertThat(received.state()).isEqualTo(CaseState.CERT_RECEIVED);
        return received;
    }

    private static String status(RenewalWorkstation ws, long certificateId) {
        return ws.database().jdbi().withHandle(h -> h.createQuery("SELECT status FROM certificate WHERE id = :id")
                .bind("id", certificateId).mapTo(String.class).one());
    }

    private static String serialOf(RenewalWorkstation ws, long certificateId) {
        return ws.database().jdbi().withHandle(h -> h.createQuery("SELECT serial_hex FROM certificate WHERE id = :id")
                .bind("id", certificateId).mapTo(String.class).one());
    }

    static List<String> events(RenewalWorkstation ws, long caseId) {
        return ws.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT event_type FROM audit_entry WHERE case_id = :c ORDER BY seq").bind("c", caseId)
                .mapTo(String.class).list());
    }

    private static List<Path> requestBatches(Path dir) throws Exception {
        // Only the batches after the one that carried the first case's request.
        try (Stream<Path> files = Files.list(dir.resolve("head-office").resolve("received"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("REQ-")).sorted().skip(1).toList();
        }
    }

    private static RequestBatch lastRequestBatch(Path dir) throws Exception {
        List<Path> batches = requestBatches(dir);
        assertThat(batches).isNotEmpty();
        return decode(batches.get(batches.size() - 1));
    }

    private static RequestBatch decode(Path batch) throws Exception {
        CMSSignedData cms = new CMSSignedData(Files.readAllBytes(batch));
        return BatchFormat.decodeRequest((byte[]) cms.getSignedContent().getContent());
    }

    /** The latest CRL of the root that issued {@code cert}. */
    private static X509CRLHolder latestCrl(RenewalWorkstation ws, X509CertificateHolder cert) throws Exception {
        List<byte[]> ders = ws.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT der FROM ca_crl ORDER BY id DESC").mapTo(byte[].class).list());
        for (byte[] der : ders) {
            X509CRLHolder crl = new X509CRLHolder(der);
            if (crl.getIssuer().equals(cert.getIssuer())) {
                return crl;
            }
        }
        throw new AssertionError("No CRL of " + cert.getIssuer() + " among " + ders.size() + " CRLs received");
    }

    private static X509CertificateHolder certificateOf(RenewalWorkstation ws, long certificateId) throws Exception {
        byte[] der = ws.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT der FROM certificate WHERE id = :id").bind("id", certificateId).mapTo(byte[].class).one());
        return new X509CertificateHolder(der);
    }

    /** The head-office root the branch received that issued {@code cert}. */
    private static X509CertificateHolder root(RenewalWorkstation ws, X509CertificateHolder cert) throws Exception {
        for (byte[] der : ws.database().jdbi().withHandle(h -> h.createQuery("SELECT der FROM ca_certificate")
                .mapTo(byte[].class).list())) {
            X509CertificateHolder c = new X509CertificateHolder(der);
            if (c.getSubject().equals(cert.getIssuer())) {
                return c;
            }
        }
        throw new AssertionError("The branch did not receive the root " + cert.getIssuer());
    }

    @SuppressWarnings("unused")
    private static Map<String, Object> row(RenewalWorkstation ws, String sql) {
        return ws.database().jdbi().withHandle(h -> h.createQuery(sql).mapToMap().one());
    }
}
