package bank.ushield.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.testsupport.SoftHsm;

class TokenPortsTest {

    @Test
    void withoutAModuleTheSimulatedTokenIsChosen(@TempDir Path dir) {
        TokenPort port = TokenPorts.choose(Optional.empty(), dir.resolve("sim.json"));
        assertThat(TokenPorts.isTraining(port)).isTrue();
        assertThat(port.readers()).hasSize(1);
        assertThat(port.presentTokens()).isEmpty();
    }

    @Test
    void aConfiguredModuleIsUsedAndAMissingOneIsReported(@TempDir Path dir) {
        TokenPort port = TokenPorts.choose(Optional.of(SoftHsm.modulePath()), dir.resolve("sim.json"));
        assertThat(TokenPorts.isTraining(port)).isFalse();
        assertThatThrownBy(() -> TokenPorts.choose(Optional.of(dir.resolve("nope.so")), dir.resolve("sim.json")))
                .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.problem()).isEqualTo(TokenProblem.DEVICE_ERROR));
    }
}
