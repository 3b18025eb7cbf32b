package bank.ushield.token.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;

import bank.ushield.testsupport.Sm2VendorToken;
import bank.ushield.token.GeneratedKey;
import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.KeyEncoding;
import bank.ushield.token.KeyId;
import bank.ushield.token.KeyPlan;
import bank.ushield.token.Repersonalisation;
import bank.ushield.token.SelfTestReport;
import bank.ushield.token.Sm2;
import bank.ushield.token.TestCa;
import bank.ushield.token.TokenObject;
import bank.ushield.token.TokenSession;
import bank.ushield.token.TokenSnapshot;

/**
 * The SM2 part of {@link RepersonalisationBench}: one re-personalisation on the vendor-like SM2 test module through
 * the product (port + steps, the vendor profile computing Z here) against bare wrapper calls with the same vendor
 * codes, in the same JVM, interleaved. Same phases and table as the SoftHSM2 figures.
 */
final class Sm2Bench {

    private static final X500Name SUBJECT = new X500Name("CN=Bench Customer,OU=Personal Banking,O=Test Bank,C=CN");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pkcs11TokenPort port;
    private final Pkcs11Runtime runtime;
    private final VendorProfile profile;
    private final TestCa ca = TestCa.create("Bench SM2 Issuing CA");
    private final Repersonalisation steps;

    Sm2Bench(Path work) throws Exception {
        Sm2VendorToken token = Sm2VendorToken.build(work.resolve("sm2-token"));
        VendorProfiles profiles = VendorProfiles.load(token.profiles());
        this.port = Pkcs11TokenPort.open(token.module(), profiles);
        this.runtime = Pkcs11Runtime.of(token.module());
        this.profile = profiles.all().get(0);
        this.steps = new Repersonalisation(ca.trust(), Clock.systemUTC());
    }

    void run(int runs, int warmup, PrintStream out) throws Exception {
        personaliseOld();
        for (int i = 0; i < warmup; i++) {
            product();
            bare();
        }
        List<RepersonalisationBench.Sample> product = new ArrayList<>();
        List<RepersonalisationBench.Sample> bare = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            if (i % 2 == 0) {
                product.add(product());
                bare.add(bare());
            } else {
                bare.add(bare());
                product.add(product());
            }
        }
        out.printf("%nSM2 on the vendor-like test module, profile %s (median of %d runs, ms)  total keygen total-keygen"
                + " | check csr finish%n", profile.name(), runs);
        RepersonalisationBench.print(out, "product (port + steps)", product);
        RepersonalisationBench.print(out, "(a) bare wrapper calls", bare);
        double p = RepersonalisationBench.median(product.stream().mapToLong(RepersonalisationBench.Sample::total).toArray());
        double b = RepersonalisationBench.median(bare.stream().mapToLong(RepersonalisationBench.Sample::total).toArray());
        out.printf("  product overhead over bare wrapper: total %+.1f%% (%+.2f ms)%n", 100 * (p - b) / b, p - b);
        out.printf("  (b) pkcs11-tool: n/a (it knows no vendor SM2 mechanisms)%n");
    }

    /** An SM2 key pair and its (expired) certificate, as an expiring SM2 U-shield holds them. */
    private void personaliseOld() {
        try (TokenSession s = port.open(Sm2VendorToken.SERIAL)) {
            s.login(Sm2VendorToken.PIN.toCharArray());
            for (TokenObject o : s.objects()) {
                if (o.id() != null) {
                    s.destroyObjects(o.id());
                }
            }
            KeyPlan old = new KeyPlan(KeyId.random(), "old-ushield", KeyAlgorithm.SM2);
            GeneratedKey k = s.generateKeyPair(old);
            Instant now = Instant.now();
            s.writeCertificate(old.id(), old.label(), ca.issue(SUBJECT, k.publicKey(),
                    now.minus(Duration.ofDays(1826 + 45)), now.minus(Duration.ofDays(45))));
        }
    }

    private RepersonalisationBench.Sample product() {
        KeyPlan plan = KeyPlan.fresh(KeyAlgorithm.SM2, LocalDate.now());
        long t0 = System.nanoTime();
        TokenSession s = port.open(Sm2VendorToken.SERIAL);
        s.login(Sm2VendorToken.PIN.toCharArray());
        TokenSnapshot before = steps.verifyToken(s, Sm2VendorToken.SERIAL);
        long k0 = System.nanoTime();
        steps.generateKey(s, plan);
        long k1 = System.nanoTime();
        PKCS10CertificationRequest csr = steps.createCsr(s, plan.id(), SUBJECT);
        long t1 = System.nanoTime();
        X509Certificate cert = ca.issue(csr); // head office's work: not timed
        long t2 = System.nanoTime();
        steps.installCertificate(s, plan.id(), plan.label(), cert);
        steps.removeSuperseded(s, plan.id(), before.customerKeyIds());
        SelfTestReport report = steps.selfTest(s, plan.id(), before.customerKeyIds());
        s.close();
        long t3 = System.nanoTime();
        if (!report.passed()) {
            throw new IllegalStateException("self-test failed: " + report);
        }
        return new RepersonalisationBench.Sample(k0 - t0, k1 - k0, t1 - k1, t3 - t2);
    }

    private RepersonalisationBench.Sample bare() throws Exception {
        KeyPlan plan = KeyPlan.fresh(KeyAlgorithm.SM2, LocalDate.now());
        Session[] session = new Session[1];
        PublicKey[] pub = new PublicKey[1];
        long[] times = new long[6];
        List<byte[]> oldIds = new ArrayList<>();
        PKCS10CertificationRequest csr = runtime.call("bench", () -> {
            times[0] = System.nanoTime();
            Slot slot = null;
            for (Slot sl : runtime.module().getSlotList(true)) {
                if (sl.getToken().getTokenInfo().getSerialNumber().strip().equals(Sm2VendorToken.SERIAL)) {
                    slot = sl;
                }
            }
            Session s = slot.getToken().openSession(true);
            session[0] = s;
            s.login(CKU_USER, Sm2VendorToken.PIN.toCharArray());
            for (long h : s.findAllObjectsSingle(new AttributeVector().class_(CKO_PRIVATE_KEY))) {
                oldIds.add(s.getAttrValues(h, CKA_ID).id());
            }
            times[1] = System.nanoTime();
            var kp = s.generateKeyPair(new Mechanism(profile.sm2KeyPairGen()), Pkcs11TokenSession.template(plan, profile));
            times[2] = System.nanoTime();
            AttributeVector a = s.getAttrValues(kp.getPublicKey(), CKA_EC_PARAMS, CKA_EC_POINT);
            pub[0] = KeyEncoding.ecPublicKey(a.ecParams(), a.ecPoint());
            long priv = kp.getPrivateKey();
            PKCS10CertificationRequest r = new JcaPKCS10CertificationRequestBuilder(SUBJECT, pub[0])
                    .build(RepersonalisationBench.signer(KeyAlgorithm.SM2, data -> sign(s, priv, pub[0], data)));
            times[3] = System.nanoTime();
            return r;
        });
        X509Certificate cert = ca.issue(csr); // not timed
        runtime.call("bench", () -> {
            times[4] = System.nanoTime();
            Session s = session[0];
            s.createObject(AttributeVector.newX509Certificate().token(true).private_(false).id(plan.id().bytes())
                    .label(plan.label()).subject(cert.getSubjectX500Principal().getEncoded())
                    .issuer(cert.getIssuerX500Principal().getEncoded())
                    .serialNumber(new ASN1Integer(cert.getSerialNumber()).getEncoded()).value(cert.getEncoded()));
            for (byte[] old : oldIds) {
                for (long cls : new long[] {CKO_PRIVATE_KEY, CKO_PUBLIC_KEY, CKO_CERTIFICATE}) {
                    for (long h : s.findAllObjectsSingle(new AttributeVector().class_(cls).id(old))) {
                        s.destroyObject(h);
                    }
                }
            }
            long priv = s.findAllObjectsSingle(new AttributeVector().class_(CKO_PRIVATE_KEY).id(plan.id().bytes()))[0];
            byte[] challenge = new byte[32];
            RANDOM.nextBytes(challenge);
            if (!Sm2.verifies(KeyEncoding.usable(cert.getPublicKey()), Sm2.defaultUserId(), challenge,
                    sign(s, priv, pub[0], challenge))) {
                throw new IllegalStateException("bare self-test failed");
            }
            s.logout();
            s.closeSession();
            times[5] = System.nanoTime();
            return null;
        });
        return new RepersonalisationBench.Sample(times[1] - times[0], times[2] - times[1], times[3] - times[2],
                times[5] - times[4]);
    }

    /** Z and e = SM3(Z || M) here, the raw vendor mechanism on the token, r||s to DER. */
    private byte[] sign(Session s, long priv, PublicKey pub, byte[] data) {
        try {
            byte[] e = Sm2.digest(pub, Sm2.defaultUserId(), data);
            return KeyEncoding.ecdsaPlainToDer(s.signSingle(new Mechanism(profile.sm2Sign().getAsLong()), priv, e));
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
