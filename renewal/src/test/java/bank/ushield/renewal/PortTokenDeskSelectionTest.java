package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import bank.ushield.testsupport.SoftHsm;
import bank.ushield.testsupport.SoftHsmToken;
import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.Repersonalisation;
import bank.ushield.token.TrustedCa;
import bank.ushield.token.pkcs11.Pkcs11TokenPort;
import bank.ushield.renewal.adapter.PortTokenDesk;

/**
 * Settings' token selection on real SoftHSM2 tokens: the case's registered token always wins; without it, the
 * token with the selected label is the one the teller sees, whatever order the module lists them in.
 */
class PortTokenDeskSelectionTest {

    private static SoftHsmToken customer;
    private static SoftHsmToken other;

    @BeforeAll
    static void twoTokensInTheReaders() {
        customer = SoftHsm.initToken("selection-customer");
        other = SoftHsm.initToken("selection-other");
    }

    @AfterAll
    static void removeThem() {
        SoftHsm.deleteToken(customer);
        SoftHsm.deleteToken(other);
    }

    private static PortTokenDesk desk(String label) {
        return new PortTokenDesk(Pkcs11TokenPort.open(SoftHsm.modulePath()),
                new Repersonalisation(new TrustedCa(List.of(someCa())), Clock.systemUTC()), KeyAlgorithm.EC_P256, label);
    }

    /** Reading a token checks no chain; the steps only need a CA to be built. */
    private static X509Certificate someCa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(256);
            KeyPair kp = g.generateKeyPair();
            X500Name name = new X500Name("CN=Selection Test CA");
            Instant now = Instant.now();
            return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                    BigInteger.ONE, Date.from(now), Date.from(now.plusSeconds(3600)), name, kp.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theRegisteredTokenIsReadWhateverTheSelection() {
        assertThat(desk(other.label()).read(customer.serial()).serial()).isEqualTo(customer.serial());
        assertThat(desk("").read(other.serial()).serial()).isEqualTo(other.serial());
    }

    @Test
    void withoutTheRegisteredTokenTheSelectedLabelIsRead() {
        // Each label chosen in turn: the first-listed token cannot pass both.
        assertThat(desk(customer.label()).read("NOT-PRESENT").serial()).isEqualTo(customer.serial());
        assertThat(desk(other.label()).read("NOT-PRESENT").serial()).isEqualTo(other.serial());
        PresentedToken shown = desk(other.label()).read("NOT-PRESENT");
        assertThat(shown.label()).isEqualTo(other.label());
    }

    @Test
    void aSelectionNoTokenCarriesFallsBackToAPresentToken() {
        assertThat(desk("no-such-label").read("NOT-PRESENT").serial()).isNotBlank();
    }
}
