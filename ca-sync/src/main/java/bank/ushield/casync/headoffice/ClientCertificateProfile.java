package bank.ushield.casync.headoffice;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;

/**
 * The bank's client (U-shield) certificate profile: 5 years from the day of issue, digitalSignature +
 * nonRepudiation (critical), extended key usage clientAuth, not a CA, CRL distribution point, AKI and SKI.
 */
public final class ClientCertificateProfile {

    /** Service period of a U-shield certificate. */
    public static final int VALIDITY_YEARS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String crlUrl;

    public ClientCertificateProfile(String crlUrl) {
        this.crlUrl = crlUrl;
    }

    /** A builder for a certificate of this profile for the subject and key of a request, issued now by the CA. */
    public X509v3CertificateBuilder builder(X509CertificateHolder ca, X500Name subject, SubjectPublicKeyInfo key,
                                            Instant now) throws CertIOException {
        Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = notBefore.atOffset(ZoneOffset.UTC).plusYears(VALIDITY_YEARS).toInstant();
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(ca.getSubject(), serial(), Date.from(notBefore),
                Date.from(notAfter), subject, key);
        BcX509ExtensionUtils ext = new BcX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
        b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                new DistributionPoint(new DistributionPointName(new GeneralNames(
                        new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl))), null, null)}));
        return b;
    }

    /** A positive random serial of up to 128 bits (RFC 5280: at most 20 octets, unpredictable). */
    static BigInteger serial() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        bytes[0] &= 0x7f;
        BigInteger s = new BigInteger(1, bytes);
        return s.signum() == 0 ? BigInteger.ONE : s;
    }
}
