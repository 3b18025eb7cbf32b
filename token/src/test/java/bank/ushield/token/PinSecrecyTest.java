package bank.ushield.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.testsupport.EveryLogLine;
import bank.ushield.testsupport.SoftHsmExtension;
import bank.ushield.testsupport.SoftHsmToken;
import bank.ushield.token.pkcs11.Pkcs11TokenPort;
import bank.ushield.token.simulated.SimulatedTokenPort;

import ch.qos.logback.classic.spi.ILoggingEvent;

/** With every logger at TRACE, a whole re-personalisation with wrong and right PINs never logs the PIN. */
@ExtendWith(SoftHsmExtension.class)
class PinSecrecyTest {

    @RegisterExtension
    final EveryLogLine log = new EveryLogLine();

    @Test
    void pkcs11AdapterNeverLogsThePin(SoftHsmToken token) {
        runFlow(Pkcs11TokenPort.open(token.modulePath()), token.serial(), token.userPin());
        assertNoPin(token.userPin(), token.serial());
    }

    @Test
    void simulatedTokenNeverLogsThePin(@TempDir Path dir) {
        SimulatedTokenPort port = SimulatedTokenPort.open(dir.resolve("t.json"));
        port.createToken("SIM-SECRECY", "secrecy", "904716".toCharArray(), 6);
        port.insert(0, "SIM-SECRECY");
        runFlow(port, "SIM-SECRECY", "904716");
        assertNoPin("904716", "SIM-SECRECY");
    }

    private void runFlow(TokenPort port, String serial, String pin) {
        Repersonalisation steps = new Repersonalisation(TokenPortContract.CA.trust(), Clock.systemUTC());
        List<String> errors = new ArrayList<>();
        try (TokenSession s = port.open(serial)) {
            try {
                s.login("99999999".toCharArray());
            } catch (TokenException e) {
                errors.add(e.toString());
            }
            s.login(r -> pin.toCharArray());
            KeyPlan plan = KeyPlan.fresh(KeyAlgorithm.EC_P256, LocalDate.now());
            steps.generateKey(s, plan);
            var cert = TokenPortContract.CA.issue(steps.createCsr(s, plan.id(), TokenPortContract.SUBJECT));
            steps.installCertificate(s, plan.id(), plan.label(), cert);
            steps.selfTest(s, plan.id(), List.of());
            errors.add(s.toString());
        }
        assertThat(errors).noneMatch(e -> e.contains(pin) || e.contains("99999999"));
    }

    private void assertNoPin(String pin, String serial) {
        assertThat(log.events()).isNotEmpty();
        assertThat(serial).doesNotContain(pin);
        for (ILoggingEvent e : log.events()) {
            String text = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
            assertThat(text).doesNotContain(pin).doesNotContain("99999999");
        }
    }
}
