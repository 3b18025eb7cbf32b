package bank.ushield.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import bank.ushield.testsupport.SoftHsmExtension;
import bank.ushield.testsupport.SoftHsmToken;
import bank.ushield.token.pkcs11.Pkcs11TokenPort;

/**
 * A JVM killed right after generating the key (no logout, no close, no C_Finalize): the next run of the
 * "generate" step with the stored plan finds the pending key by its CKA_ID and does not make a second one.
 */
@ExtendWith(SoftHsmExtension.class)
class CrashResumeTest {

    /** The child JVM: generates the key pair of the given plan, then halts without any cleanup. */
    public static final class GenerateThenDie {
        public static void main(String[] args) throws Exception {
            String pin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            TokenPort port = Pkcs11TokenPort.open(Path.of(args[0]));
            TokenSession s = port.open(args[1]);
            s.login(pin.toCharArray());
            s.generateKeyPair(new KeyPlan(KeyId.ofHex(args[2]), args[3], KeyAlgorithm.valueOf(args[4])));
            Runtime.getRuntime().halt(42);
        }
    }

    @Test
    void generateAfterAKilledJvmFindsThePendingKey(SoftHsmToken token) throws Exception {
        KeyPlan plan = KeyPlan.fresh(KeyAlgorithm.EC_P256, java.time.LocalDate.now());
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), GenerateThenDie.class.getName(),
                token.modulePath().toString(), token.serial(), plan.id().hex(), plan.label(), plan.algorithm().name())
                .redirectErrorStream(true);
        pb.environment().put("SOFTHSM2_CONF", token.confFile().toString());
        Process child = pb.start();
        child.getOutputStream().write((token.userPin() + "\n").getBytes(StandardCharsets.UTF_8));
        child.getOutputStream().close();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isEqualTo(42);

        Repersonalisation steps = new Repersonalisation(TokenPortContract.CA.trust(), Clock.systemUTC());
        try (TokenSession s = Pkcs11TokenPort.open(token.modulePath()).open(token.serial())) {
            s.login(token.userPinChars());
            GeneratedKey resumed = steps.generateKey(s, plan);
            assertThat(resumed.alreadyPresent()).isTrue();
            List<TokenObject> objects = s.objects();
            assertThat(objects).filteredOn(o -> o.kind() == ObjectKind.PRIVATE_KEY).hasSize(1)
                    .allMatch(o -> plan.id().equals(o.id()) && plan.label().equals(o.label()));
            assertThat(objects).filteredOn(o -> o.kind() == ObjectKind.PUBLIC_KEY).hasSize(1);
            // and the resumed key carries on: CSR signed on the token
            assertThat(steps.createCsr(s, plan.id(), TokenPortContract.SUBJECT).getSubject()).isEqualTo(TokenPortContract.SUBJECT);
        }
    }
}
