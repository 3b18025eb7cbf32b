package bank.ushield.token;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The CA certificate(s) a new customer certificate must chain to before it goes onto a token. */
public final class TrustedCa {

    private final List<X509Certificate> certificates;
    /** The trust anchors as the JDK's PKIX reads them, made once: the CA certificates do not change. */
    private final Set<TrustAnchor> jdkAnchors;
    /** Whether any CA certificate is SM2 (then every check goes through BouncyCastle), read once. */
    private final boolean sm2Ca;
    /** The same read by BouncyCastle (SM2 chains), made on first need. */
    private volatile Set<TrustAnchor> bcAnchors;

    public TrustedCa(List<X509Certificate> certificates) {
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("at least one CA certificate");
        }
        this.certificates = List.copyOf(certificates);
        Set<TrustAnchor> anchors = new HashSet<>();
        for (X509Certificate ca : this.certificates) {
            anchors.add(new TrustAnchor(ca, null));
        }
        this.jdkAnchors = Set.copyOf(anchors);
        this.sm2Ca = this.certificates.stream().anyMatch(KeyEncoding::isSm2);
    }

    private Set<TrustAnchor> bcAnchors() throws GeneralSecurityException {
        Set<TrustAnchor> anchors = bcAnchors;
        if (anchors == null) {
            CertificateFactory cf = CertificateFactory.getInstance("X.509", KeyEncoding.BC);
            Set<TrustAnchor> made = new HashSet<>();
            for (X509Certificate ca : certificates) {
                made.add(new TrustAnchor((X509Certificate) cf.generateCertificate(
                        new java.io.ByteArrayInputStream(ca.getEncoded())), null));
            }
            anchors = Set.copyOf(made);
            bcAnchors = anchors;
        }
        return anchors;
    }

    /** Reads the CA certificate(s) from a PEM or DER file. */
    public static TrustedCa fromFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certs = new ArrayList<>();
            // BouncyCastle reads every certificate of a PEM bundle, SM2 ones too; each is then kept as the JDK reads it.
            for (var c : CertificateFactory.getInstance("X.509", KeyEncoding.BC).generateCertificates(in)) {
                certs.add(KeyEncoding.certificate(c.getEncoded()));
            }
            return new TrustedCa(certs);
        } catch (GeneralSecurityException e) {
            throw new IOException("Not a CA certificate file: " + file, e);
        }
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    /**
     * Checks by PKIX (no revocation: the certificate was issued minutes ago) that the certificate chains to one of
     * the configured CA certificates and is valid at {@code now}.
     *
     * @throws TokenException CERTIFICATE_NOT_TRUSTED with the reason
     */
    public void check(X509Certificate certificate, Instant now) {
        try (TokenPhaseEvent phase = TokenPhaseEvent.start(TokenPhaseEvent.PKIX)) {
            // The JDK can neither read an SM2 key nor check an SM3withSM2 signature: such chains go through BouncyCastle.
            boolean sm2 = sm2Ca || KeyEncoding.isSm2(certificate);
            CertificateFactory cf = sm2 ? CertificateFactory.getInstance("X.509", KeyEncoding.BC) : CertificateFactory.getInstance("X.509");
            PKIXParameters params = new PKIXParameters(sm2 ? bcAnchors() : jdkAnchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            CertPathValidator validator = sm2 ? CertPathValidator.getInstance("PKIX", KeyEncoding.BC) : CertPathValidator.getInstance("PKIX");
            validator.validate(cf.generateCertPath(List.of(certificate)), params);
        } catch (GeneralSecurityException e) {
            throw new TokenException(TokenProblem.CERTIFICATE_NOT_TRUSTED,
                    "The new certificate does not chain to the bank's CA or is not valid now: " + e.getMessage(), e);
        }
    }
}
