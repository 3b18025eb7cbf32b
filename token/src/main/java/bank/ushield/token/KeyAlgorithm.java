package bank.ushield.token;

/** Key pair types the workstation puts on a U-shield; RSA-2048 is the bank's default. */
public enum KeyAlgorithm {
    RSA_2048("SHA256withRSA"),
    EC_P256("SHA256withECDSA");

    private final String jcaSignatureName;

    KeyAlgorithm(String jcaSignatureName) {
        this.jcaSignatureName = jcaSignatureName;
    }

    /** The JCA name of the signature this key makes (SHA-256 based). */
    public String jcaSignatureName() {
        return jcaSignatureName;
    }
}
