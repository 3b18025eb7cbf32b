package bank.ushield.token;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.token.simulated.SimulatedTokenPort;

/** The token contract against the simulated token. */
class SimulatedContractTest extends TokenPortContract {

    static final String SERIAL = "SIM0000000000042";
    static SimulatedTokenPort port;

    @BeforeAll
    static void init(@TempDir Path dir) {
        port = SimulatedTokenPort.open(dir.resolve("tokens.json"));
        port.createToken(SERIAL, "Zhang San U-shield", "738291".toCharArray(), 6);
        port.insert(0, SERIAL);
    }

    @Override
    TokenPort port() {
        return port;
    }

    @Override
    String serial() {
        return SERIAL;
    }

    @Override
    String pin() {
        return "738291";
    }

    @Override
    boolean doesSm2() {
        return true;
    }
}
