package bank.ushield.testsupport;

import java.nio.file.Path;

/**
 * A freshly initialised SoftHSM2 token for one test class.
 *
 * @param label      token label (unique per test class); find the slot by label or serial, never by slot id
 * @param serial     serial number as SoftHSM2 reports it in CK_TOKEN_INFO
 * @param soPin      security officer PIN
 * @param userPin    user PIN
 * @param modulePath the PKCS#11 module (libsofthsm2.so)
 * @param confFile   the SOFTHSM2_CONF this JVM's SoftHSM2 reads; pass it to child processes (pkcs11-tool, child JVMs)
 */
public record SoftHsmToken(String label, String serial, String soPin, String userPin, Path modulePath, Path confFile) {

    @Override
    public String toString() {
        // PINs stay out of test reports.
        return "SoftHsmToken[label=" + label + ", serial=" + serial + ", module=" + modulePath + "]";
    }

    /** The PIN as a fresh char array, as a PIN prompt would deliver it. */
    public char[] userPinChars() {
        return userPin.toCharArray();
    }
}
