package bank.ushield.token;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import bank.ushield.token.pkcs11.Pkcs11TokenPort;
import bank.ushield.token.simulated.SimulatedTokenPort;

/**
 * Chooses the adapter: the configured PKCS#11 module in production, the simulated token (training mode) when no
 * module is configured.
 */
public final class TokenPorts {

    private TokenPorts() {
    }

    /**
     * @param pkcs11Module  the vendor module library, if one is configured
     * @param trainingState the simulated token's state file, used when no module is configured
     */
    public static TokenPort choose(Optional<Path> pkcs11Module, Path trainingState) {
        if (pkcs11Module.isPresent()) {
            Path module = pkcs11Module.get();
            if (!Files.isRegularFile(module)) {
                throw new TokenException(TokenProblem.DEVICE_ERROR, "The configured PKCS#11 module " + module + " does not exist");
            }
            return Pkcs11TokenPort.open(module);
        }
        return SimulatedTokenPort.open(trainingState);
    }

    /** True when this port is the simulated token (the UI shows the training banner). */
    public static boolean isTraining(TokenPort port) {
        return port instanceof SimulatedTokenPort;
    }
}
