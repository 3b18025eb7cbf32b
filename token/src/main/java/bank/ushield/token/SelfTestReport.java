package bank.ushield.token;

import java.time.Instant;

/**
 * The result of the self-test after installation: the new key signs a fresh challenge on the token, the new
 * certificate verifies it, and no superseded key or certificate is left.
 */
public record SelfTestReport(boolean certificatePresent, boolean signatureVerified, boolean oldObjectsGone,
                             String certificateSerialHex, Instant certificateNotAfter) {

    public boolean passed() {
        return certificatePresent && signatureVerified && oldObjectsGone;
    }
}
