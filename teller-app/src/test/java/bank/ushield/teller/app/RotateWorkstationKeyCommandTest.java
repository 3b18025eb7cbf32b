package bank.ushield.teller.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import bank.ushield.audit.AuditEntry;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditQuery;
import bank.ushield.audit.AuditSearch;
import bank.ushield.audit.AuditVerifier;
import bank.ushield.audit.KeystorePassword;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.db.Database;
import bank.ushield.testsupport.ChildJvm;
import bank.ushield.testsupport.OpenSsl;

/**
 * {@code teller-app rotate-workstation-key} on a real production data folder: the keystore keeps the old key, the
 * files for head office check with openssl, the rotation is audited, and a kill after the keystore was replaced is
 * finished by running the command again (no second key).
 */
class RotateWorkstationKeyCommandTest {

    private static final String PASSWORD = "ks-Rotate-0102";
    private static final Map<String, String> ENV = Map.of("USHIELD_KEYSTORE_PASSWORD", PASSWORD);
    private static final KeystorePassword KEYSTORE = DomainWiring.keystorePassword(ENV::get);

    @TempDir
    Path tmp;

    private String lastOutput = "";

    private int run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new TellerApp(env::get));
        cl.setOut(new PrintWriter(out));
        int exit = cl.execute(args);
        lastOutput = out.toString();
        System.out.println(lastOutput);
        return exit;
    }

    private int caSync(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new bank.ushield.casync.cli.CaSyncCommand());
        cl.setOut(new PrintWriter(out));
        int exit = cl.execute(args);
        lastOutput = out.toString();
        return exit;
    }

    private Path setUp() {
        Path home = tmp.resolve("home");
        assertThat(run(ENV, "--data-dir", home.toString(), "setup", "--branch", "0102", "--branch-name", "测试支行",
                "--workstation", "0102-W01")).isZero();
        return home;
    }

    private static List<AuditEntry> rotations(Path db) {
        List<AuditEntry> out = new ArrayList<>();
        try (Database d = Database.open(db)) {
            new AuditSearch(d).forEach(AuditQuery.builder().type(AuditEventType.WORKSTATION_KEY_ROTATED).limit(100)
                    .build(), out::add);
        }
        return out;
    }

    private static void assertHandOverVerifies(Path dir) throws Exception {
        Files.writeString(dir.resolve("old.pub"), OpenSsl.run(dir, "x509", "-in",
                RotateWorkstationKeyCommand.OLD_CERTIFICATE, "-pubkey", "-noout"));
        assertThat(OpenSsl.run(dir, "dgst", "-sha256", "-verify", "old.pub", "-signature",
                RotateWorkstationKeyCommand.SIGNATURE, RotateWorkstationKeyCommand.STATEMENT)).contains("Verified OK");
    }

    @Test
    void rotationKeepsTheOldKeyWritesACheckableHandOverAndIsAudited() throws Exception {
        Path home = setUp();
        Path keys = home.resolve("production");
        String oldKey = WorkstationKeys.open(keys, KEYSTORE).keyId();

        assertThat(run(Map.of(), "--data-dir", home.toString(), "rotate-workstation-key", "--out-dir",
                tmp.resolve("x").toString())).isEqualTo(2);
        assertThat(lastOutput).contains("Refused:").contains("USHIELD_KEYSTORE_PASSWORD");
        assertThat(WorkstationKeys.open(keys, KEYSTORE).keyId()).as("unchanged when refused").isEqualTo(oldKey);

        Path out = tmp.resolve("for-head-office");
        assertThat(run(ENV, "--data-dir", home.toString(), "rotate-workstation-key", "--out-dir", out.toString()))
                .isZero();
        WorkstationKeys current = WorkstationKeys.open(keys, KEYSTORE);
        assertThat(current.keyId()).isNotEqualTo(oldKey);
        assertThat(WorkstationKeys.retired(keys, KEYSTORE)).extracting(WorkstationKeys::keyId).containsExactly(oldKey);
        assertThat(lastOutput).contains(WorkstationKeys.fingerprint(current.certificate()));
        assertHandOverVerifies(out);
        assertThat(OpenSsl.run(out, "x509", "-in", RotateWorkstationKeyCommand.NEW_CERTIFICATE, "-noout",
                "-fingerprint", "-sha256")).contains(WorkstationKeys.fingerprint(current.certificate()));

        // Head office's side with the simulator's command line: refused while it pins another key, taken after.
        Path ho = tmp.resolve("ho");
        Path stranger = tmp.resolve("stranger.pem");
        Files.writeString(stranger, WorkstationKeys.loadOrCreate(tmp.resolve("other"), "0102-W01",
                KeystorePassword.training()).certificatePem());
        String[] handover = {"head-office", "key-handover", "--dir", ho.toString(), "--workstation", "0102-W01",
                "--new-cert", out.resolve(RotateWorkstationKeyCommand.NEW_CERTIFICATE).toString(), "--statement",
                out.resolve(RotateWorkstationKeyCommand.STATEMENT).toString(), "--signature",
                out.resolve(RotateWorkstationKeyCommand.SIGNATURE).toString()};
        assertThat(caSync("head-office", "init", "--dir", ho.toString())).isZero();
        assertThat(caSync("head-office", "register", "--dir", ho.toString(), "--workstation", "0102-W01", "--cert",
                stranger.toString())).isZero();
        assertThat(caSync(handover)).isEqualTo(2);
        assertThat(lastOutput).contains("Refused: The key hand-over of 0102-W01 is not signed by the key registered");
        assertThat(caSync("head-office", "register", "--dir", ho.toString(), "--workstation", "0102-W01", "--cert",
                out.resolve(RotateWorkstationKeyCommand.OLD_CERTIFICATE).toString())).isZero();
        assertThat(caSync(handover)).isZero();
        assertThat(lastOutput).contains("Key hand-over of 0102-W01 taken");

        List<AuditEntry> rotations = rotations(keys.resolve("workstation.db"));
        assertThat(rotations).hasSize(1);
        assertThat(rotations.get(0).role()).isEqualTo("IT");
        assertThat(rotations.get(0).details()).contains("\"previousKeyId\":\"" + oldKey + "\"")
                .contains("\"keyId\":\"" + current.keyId() + "\"");
        try (Database db = Database.open(keys.resolve("workstation.db"))) {
            assertThat(AuditVerifier.verify(db).ok()).isTrue();
        }

        assertThat(run(ENV, "--data-dir", home.toString(), "rotate-workstation-key", "--out-dir", out.toString()))
                .isEqualTo(2);
        assertThat(lastOutput).contains("exists already");
        // A second rotation keeps both earlier keys.
        assertThat(run(ENV, "--data-dir", home.toString(), "rotate-workstation-key", "--out-dir",
                tmp.resolve("second").toString())).isZero();
        assertThat(WorkstationKeys.retired(keys, KEYSTORE)).extracting(WorkstationKeys::keyId)
                .containsExactlyInAnyOrder(oldKey, current.keyId());
        assertThat(Files.readString(tmp.resolve("second").resolve(RotateWorkstationKeyCommand.OLD_CERTIFICATE)))
                .isEqualTo(current.certificatePem());
    }

    @Test
    void aKillAfterTheKeystoreWasReplacedIsFinishedByRunningTheCommandAgain() throws Exception {
        Path home = setUp();
        Path keys = home.resolve("production");
        String oldKey = WorkstationKeys.open(keys, KEYSTORE).keyId();
        // What a kill before the rename leaves: a temporary keystore beside the untouched one, removed at the next rotation.
        Path stale = Files.writeString(keys.resolve("workstation-key4711.tmp"), "half-written");
        assertThat(WorkstationKeys.open(keys, KEYSTORE).keyId()).isEqualTo(oldKey);
        try (ChildJvm child = ChildJvm.start(RotateKeyCrashChild.class, null, ENV, keys.toString(), "0102-W01")) {
            child.await("AT between", Duration.ofMinutes(2));
            child.kill9();
        }
        String newKey = WorkstationKeys.open(keys, KEYSTORE).keyId();
        assertThat(newKey).isNotEqualTo(oldKey);
        assertThat(stale).doesNotExist();
        assertThat(rotations(keys.resolve("workstation.db"))).isEmpty();

        Path out = tmp.resolve("for-head-office");
        assertThat(run(ENV, "--data-dir", home.toString(), "rotate-workstation-key", "--out-dir", out.toString()))
                .isZero();
        assertThat(lastOutput).contains("interrupted earlier");
        assertThat(WorkstationKeys.open(keys, KEYSTORE).keyId()).as("no second key").isEqualTo(newKey);
        assertThat(WorkstationKeys.retired(keys, KEYSTORE)).extracting(WorkstationKeys::keyId).containsExactly(oldKey);
        assertThat(rotations(keys.resolve("workstation.db"))).singleElement()
                .satisfies(e -> assertThat(e.details()).contains("\"keyId\":\"" + newKey + "\""));
        assertHandOverVerifies(out);
    }
}
