package bank.ushield.renewal.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** RFC 2253 strings (as the database keeps them) back to DER names in certificate order. */
class DistinguishedNamesTest {

    private static final String DB_FORM = "CN=C0045,OU=Beijing Branch,O=U-shield Customers,C=CN";

    @Test
    void keepsTheCertificateOrderThatBouncyCastlesStringParserReverses() throws Exception {
        X500Name name = DistinguishedNames.fromRfc2253(DB_FORM);
        // DER order is C, O, OU, CN: the RFC 2253 string lists it last RDN first.
        assertThat(new X500Principal(name.getEncoded()).getName()).isEqualTo(DB_FORM);
        assertThat(new X500Principal(new X500Name(DB_FORM).getEncoded()).getName())
                .as("the bug this class exists for").isEqualTo("C=CN,O=U-shield Customers,OU=Beijing Branch,CN=C0045");
    }

    @Test
    void takesTheTokensCertificateSubjectByteForByte() throws Exception {
        // Java's own encoder writes PrintableString where OpenSSL-style UTF8String would be: other bytes, same name.
        X509Certificate old = certificate(new X500Principal(DB_FORM));
        assertThat(DistinguishedNames.fromRfc2253(DB_FORM).getEncoded())
                .isNotEqualTo(old.getSubjectX500Principal().getEncoded());
        assertThat(DistinguishedNames.subjectAsIn(List.of(certificate(new X500Principal("CN=Other,C=CN")), old), DB_FORM)
                .getEncoded()).isEqualTo(old.getSubjectX500Principal().getEncoded());
        assertThat(DistinguishedNames.subjectAsIn(List.of(), DB_FORM).getEncoded())
                .isEqualTo(DistinguishedNames.fromRfc2253(DB_FORM).getEncoded());
    }

    private static X509Certificate certificate(X500Principal subject) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair kp = g.generateKeyPair();
        Instant now = Instant.now();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
                Date.from(now), Date.from(now.plusSeconds(3600)), subject, kp.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
    }
}
