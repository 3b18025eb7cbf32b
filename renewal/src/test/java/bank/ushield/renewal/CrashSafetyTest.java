package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import bank.ushield.audit.AuditVerifier;
import bank.ushield.audit.VerifyReport;
import bank.ushield.db.Database;
import bank.ushield.db.Engine;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;
import bank.ushield.testsupport.ChildJvm;
import bank.ushield.testsupport.SoftHsm;
import bank.ushield.testsupport.SoftHsmToken;
import bank.ushield.db.CaseState;
import bank.ushield.renewal.store.CaseStore;
import bank.ushield.renewal.wiring.RenewalWorkstation;

/**
 * Kills a child JVM with SIGKILL at each point of a renewal on a SoftHSM2 token, then restarts: the case is found
 * in a known state, a fresh JVM can resume it to COMPLETED (or abort it), the token held the old objects or old +
 * pending at the kill, never neither, and the audit chain verifies before and after.
 */
@ParameterizedClass
@EnumSource(Engine.class)
@ExtendWith(PostgresExtension.class)
@Execution(ExecutionMode.CONCURRENT) // each point waits on its child JVMs: two points at once use both cores (ADR 0096)
class CrashSafetyTest {

    @Parameter
    Engine engine;

    /** The environment of the child JVMs of each test folder (the PostgreSQL schema, if any). */
    private final Map<Path, Map<String, String>> childEnv = new java.util.concurrent.ConcurrentHashMap<>();

    static final Duration WAIT = Duration.ofMinutes(4);

    /** point, the state expected after the kill (null: no case), whether a pending key may be on the token. */
    static Stream<Arguments> points() {
        return Stream.of(
                Arguments.of("in-tx:CASE_OPENED", null),
                Arguments.of("after:OPENED", CaseState.OPENED),
                Arguments.of("after:ID_VERIFIED", CaseState.ID_VERIFIED),
                Arguments.of("after:CARD_VERIFIED", CaseState.CARD_VERIFIED),
                Arguments.of("after:TOKEN_VERIFIED", CaseState.TOKEN_VERIFIED),
                Arguments.of("token:after-keygen", CaseState.TOKEN_VERIFIED),
                Arguments.of("in-tx:CASE_KEY_GENERATED", CaseState.TOKEN_VERIFIED),
                Arguments.of("after:KEY_GENERATED", CaseState.KEY_GENERATED),
                Arguments.of("after:CSR_QUEUED", CaseState.CSR_QUEUED),
                Arguments.of("in-tx:CASE_CERT_RECEIVED", CaseState.CSR_QUEUED),
                Arguments.of("after:CERT_RECEIVED", CaseState.CERT_RECEIVED),
                Arguments.of("token:after-install", CaseState.CERT_RECEIVED),
                Arguments.of("after:CERT_INSTALLED", CaseState.CERT_INSTALLED),
                Arguments.of("in-tx:CASE_COMPLETED", CaseState.CERT_INSTALLED),
                Arguments.of("after:COMPLETED", CaseState.COMPLETED));
    }

    /**
     * The points also run on PostgreSQL: a kill inside each kind of write transaction (what the server must roll back),
     * at the token, and once the request is queued; the rest are the same code paths as on SQLite, skipped there to
     * keep the test command under its time budget (each point costs two JVM starts, even two at a time; figures in
     * docs/performance.md, "Test suite time").
     */
    static final Set<String> ON_POSTGRESQL = Set.of("in-tx:CASE_OPENED", "token:after-keygen",
            "in-tx:CASE_KEY_GENERATED", "after:CSR_QUEUED", "in-tx:CASE_CERT_RECEIVED", "in-tx:CASE_COMPLETED");

    @ParameterizedTest(name = "SIGKILL at {0}")
    @MethodSource("points")
    void aKilledRenewalRestartsInAKnownStateAndResumes(String point, CaseState expected, @TempDir Path dir,
            @TempDir Path tokens, PostgresDatabase pg)
            throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(engine == Engine.SQLITE || ON_POSTGRESQL.contains(point),
                "this point's code path is the same on both engines and runs on SQLite (see ON_POSTGRESQL)");
        SoftHsmToken hsm = token(tokens, "crash");
        try {
            seed(dir, hsm, pg);
            String oldKey;
            try (ChildJvm child = start(hsm, dir, "run", point)) {
                oldKey = child.await("PREPARED ", WAIT).substring("PREPARED ".length()).strip();
                child.await("AT " + point, WAIT);
                child.kill9();
            }

            // Restart: the database opens, the case is where the kill left it, the audit chain holds.
            Optional<RenewalCase> c = caseOf(dir);
            assertThat(c.map(RenewalCase::state).orElse(null)).isEqualTo(expected);
            assertThat(c.map(RenewalCase::awaitingManager).orElse(false)).isFalse();
            verifyAudit(dir);

            // The token holds the old key pair and certificate, or the complete new pair; never neither.
            Objects onToken = Objects.of(SoftHsmEndToEndTest.pkcs11(hsm, "--list-objects"));
            String newKey = c.map(RenewalCase::newKeyId).orElse(null);
            boolean oldIntact = onToken.privateKeys.contains(oldKey) && onToken.certificates.contains(oldKey);
            boolean newComplete = newKey != null && onToken.privateKeys.contains(newKey)
                    && onToken.certificates.contains(newKey);
            assertThat(oldIntact || newComplete).as("token after kill at %s: %s", point, onToken).isTrue();
            if (!oldIntact) {
                assertThat(expected).isIn(CaseState.CERT_RECEIVED, CaseState.CERT_INSTALLED, CaseState.COMPLETED);
            }

            if (expected == null || expected == CaseState.COMPLETED) {
                return;
            }
            // A fresh JVM finds the case with a next step and finishes it.
            try (ChildJvm child = start(hsm, dir, "resume", "")) {
                assertThat(child.await("FOUND ", WAIT)).startsWith("FOUND " + expected);
                assertThat(child.await("RESUMED ", WAIT)).isEqualTo("RESUMED COMPLETED");
                assertThat(child.waitFor(WAIT)).as(child.output()).isZero();
            }
            RenewalCase done = caseOf(dir).orElseThrow();
            assertThat(done.state()).isEqualTo(CaseState.COMPLETED);
            if (newKey != null) {
                assertThat(done.newKeyId()).as("the pending key is reused, not remade").isEqualTo(newKey);
            }
            Objects after = Objects.of(SoftHsmEndToEndTest.pkcs11(hsm, "--list-objects"));
            assertThat(after.privateKeys).containsExactly(done.newKeyId());
            assertThat(after.certificates).containsExactly(done.newKeyId());
            verifyAudit(dir);
        } finally {
            SoftHsm.deleteToken(hsm);
        }
    }

    @ParameterizedTest(name = "SIGKILL at {0}, then abort")
    @MethodSource("abortPoints")
    void aKilledRenewalCanBeAbortedInsteadAndTheTokenKeepsTheOldKey(String point, @TempDir Path dir,
            @TempDir Path tokens, PostgresDatabase pg)
            throws Exception {
        SoftHsmToken hsm = token(tokens, "abort");
        try {
            seed(dir, hsm, pg);
            String oldKey;
            try (ChildJvm child = start(hsm, dir, "run", point)) {
                oldKey = child.await("PREPARED ", WAIT).substring("PREPARED ".length()).strip();
                child.await("AT " + point, WAIT);
                child.kill9();
            }
            try (ChildJvm child = start(hsm, dir, "abort", "")) {
                assertThat(child.await("ABORTED ", WAIT)).isEqualTo("ABORTED ABANDONED_AFTER_RESTART");
                assertThat(child.waitFor(WAIT)).isZero();
            }
            RenewalCase aborted = caseOf(dir).orElseThrow();
            assertThat(aborted.state()).isEqualTo(CaseState.ABORTED);
            Objects onToken = Objects.of(SoftHsmEndToEndTest.pkcs11(hsm, "--list-objects"));
            assertThat(onToken.privateKeys).contains(oldKey);
            assertThat(onToken.certificates).contains(oldKey);
            // ADR 0050: a certificate head office issued for the case is abandoned, its revocation queued.
            if (aborted.newCertificateId() != null) {
                assertThat(onToken.certificates).doesNotContain(aborted.newKeyId());
                assertThat(certificateStatus(dir, aborted.newCertificateId())).isEqualTo("ABANDONED");
                assertThat(certificateStatus(dir, aborted.oldCertificateId())).isEqualTo("ACTIVE");
            }
            verifyAudit(dir);
        } finally {
            SoftHsm.deleteToken(hsm);
        }
    }

    static Stream<Arguments> abortPoints() {
        return Stream.of(Arguments.of("after:CSR_QUEUED"), Arguments.of("after:CERT_RECEIVED"));
    }

    /**
     * ADR 0050: killed right after the new certificate was written (old key removed, case still CERT_RECEIVED), the
     * case cannot be aborted, since revoking the certificate would leave the customer with nothing; a fresh JVM
     * completes it instead, and the new certificate stays the customer's.
     */
    @Test
    void killedAfterTheCertificateWasWrittenTheCaseIsNotAbortedButCompleted(@TempDir Path dir,
            @TempDir Path tokens, PostgresDatabase pg) throws Exception {
        SoftHsmToken hsm = token(tokens, "noabort");
        try {
            seed(dir, hsm, pg);
            String point = "token:after-install";
            try (ChildJvm child = start(hsm, dir, "run", point)) {
                child.await("AT " + point, WAIT);
                child.kill9();
            }
            try (ChildJvm child = start(hsm, dir, "abort", "")) {
                assertThat(child.await("FOUND ", WAIT)).startsWith("FOUND CERT_RECEIVED");
                assertThat(child.await("REFUSED ", WAIT)).isEqualTo("REFUSED ABORT_NEEDS_COMPLETION");
                assertThat(child.waitFor(WAIT)).as(child.output()).isZero();
            }
            RenewalCase refused = caseOf(dir).orElseThrow();
            assertThat(refused.state()).isEqualTo(CaseState.CERT_RECEIVED);
            assertThat(certificateStatus(dir, refused.newCertificateId())).isEqualTo("ACTIVE");
            try (ChildJvm child = start(hsm, dir, "resume", "")) {
                assertThat(child.await("RESUMED ", WAIT)).isEqualTo("RESUMED COMPLETED");
                assertThat(child.waitFor(WAIT)).as(child.output()).isZero();
            }
            RenewalCase done = caseOf(dir).orElseThrow();
            Objects after = Objects.of(SoftHsmEndToEndTest.pkcs11(hsm, "--list-objects"));
            assertThat(after.privateKeys).containsExactly(done.newKeyId());
            assertThat(after.certificates).containsExactly(done.newKeyId());
            assertThat(certificateStatus(dir, done.newCertificateId())).isEqualTo("ACTIVE");
            verifyAudit(dir);
        } finally {
            SoftHsm.deleteToken(hsm);
        }
    }

    /**
     * A token in a SoftHSM2 folder of the test's own: the points run concurrently, and a child JVM must not see the
     * tokens the other points create and delete meanwhile.
     */
    private static SoftHsmToken token(Path tokens, String prefix) {
        Path conf = SoftHsm.configurationIn(tokens.resolve("softhsm2.conf"));
        return SoftHsm.initToken(conf, prefix + "-" + UUID.randomUUID().toString().substring(0, 8), SoftHsm.SO_PIN);
    }

    /**
     * The site and the crash tests' customer, expired 45 days, whose registered token is the SoftHSM2 one; on
     * PostgreSQL in a fresh schema that the child JVMs are told of.
     */
    private void seed(Path dir, SoftHsmToken hsm, PostgresDatabase pg) {
        if (engine == Engine.POSTGRESQL) {
            childEnv.put(dir, TrainingDatabases.onPostgres(dir, pg));
        }
        Clock clock = Clock.systemUTC();
        Seed.site(dir, clock);
        Seed.customer(dir, clock, CrashChild.CUSTOMER, "张三", "11010519491231002X", LocalDate.of(1949, 12, 31),
                Seed.PAN, hsm.serial(), 45);
    }

    private static String certificateStatus(Path dir, long certificateId) {
        try (Database db = TrainingDatabases.open(dir)) {
            return db.jdbi().withHandle(h -> h.createQuery("SELECT status FROM certificate WHERE id = :id")
                    .bind("id", certificateId).mapTo(String.class).one());
        }
    }

    private ChildJvm start(SoftHsmToken hsm, Path dir, String mode, String point) throws Exception {
        return ChildJvm.start(CrashChild.class, hsm.confFile(), childEnv.getOrDefault(dir, Map.of()), mode,
                dir.toString(), hsm.serial(),
                hsm.modulePath().toString(), hsm.userPin(), point);
    }

    private static Optional<RenewalCase> caseOf(Path dir) {
        try (Database db = TrainingDatabases.open(dir)) {
            return db.jdbi().withHandle(h -> new CaseStore().inStates(h, List.of(CaseState.values())).stream()
                    .findFirst());
        }
    }

    private static void verifyAudit(Path dir) {
        try (Database db = TrainingDatabases.open(dir)) {
            VerifyReport report = AuditVerifier.verify(db);
            assertThat(report.ok()).as(report.summary()).isTrue();
        }
    }

    /** The CKA_IDs of private keys and certificates in pkcs11-tool --list-objects output. */
    record Objects(Set<String> privateKeys, Set<String> certificates) {
        static Objects of(String listing) {
            Set<String> keys = new LinkedHashSet<>();
            Set<String> certs = new LinkedHashSet<>();
            for (String block : listing.split("(?=(Private Key Object|Public Key Object|Certificate Object))")) {
                Matcher m = Pattern.compile("ID:\\s+([0-9a-fA-F]+)").matcher(block);
                if (!m.find()) {
                    continue;
                }
                String id = m.group(1).toLowerCase();
                if (block.startsWith("Private Key Object")) {
                    keys.add(id);
                } else if (block.startsWith("Certificate Object")) {
                    certs.add(id);
                }
            }
            return new Objects(keys, certs);
        }
    }
}
