package bank.ushield.casync.headoffice;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import bank.ushield.casync.format.KeyBatchSigner;
import bank.ushield.casync.format.Pki;

/**
 * A small BouncyCastle CA for the head-office simulator: a root that issues client certificates and CRLs, and a
 * separate sync certificate (issued by the root) whose key signs response batches. Kept as PEM files in a folder;
 * these keys are for training and tests only, never for production.
 */
public final class HeadOfficeCa {

    private static final String CA_KEY = "ca-key.pem";
    private static final String CA_CERT = "ca-cert.pem";
    private static final String SYNC_KEY = "sync-key.pem";
    private static final String SYNC_CERT = "sync-cert.pem";
    private static final String SM2_CA_KEY = "sm2-ca-key.pem";
    private static final String SM2_CA_CERT = "sm2-ca-cert.pem";

    private final PrivateKey caKey;
    private final X509CertificateHolder caCert;
    private final PrivateKey syncKey;
    private final X509CertificateHolder syncCert;
    /** The CA that certifies SM2 keys: the root itself when it is SM2, else an SM2 root beside it. */
    private final PrivateKey sm2CaKey;
    private final X509CertificateHolder sm2CaCert;
    private final ClientCertificateProfile profile;

    private HeadOfficeCa(PrivateKey caKey, X509CertificateHolder caCert, PrivateKey syncKey,
                         X509CertificateHolder syncCert, PrivateKey sm2CaKey, X509CertificateHolder sm2CaCert,
                         String crlUrl) {
        this.caKey = caKey;
        this.caCert = caCert;
        this.syncKey = syncKey;
        this.syncCert = syncCert;
        this.sm2CaKey = sm2CaKey;
        this.sm2CaCert = sm2CaCert;
        this.profile = new ClientCertificateProfile(crlUrl);
    }

    /** Key algorithm of a new simulated CA: RSA-2048 like a bank CA, or EC P-256 (fast, for tests). */
    public enum KeyAlgorithm {
        /** RSA-2048: issuing is slower, verifying its certificates is cheap (as with a real bank CA). */
        RSA_2048,
        /** EC P-256: quick to create and issue. */
        EC_P256,
        /** SM2 (国密): root, issued certificates, CRLs and the batch signatures all SM3withSM2. */
        SM2
    }

    /** Opens the CA kept in the folder, creating root (of the given algorithm) and sync keys on first use. */
    public static HeadOfficeCa openOrCreate(Path dir, String name, Instant now, KeyAlgorithm caAlgorithm)
            throws IOException {
        Files.createDirectories(dir);
        String crlUrl = "http://pki.training.invalid/crl/" + name.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase() + ".crl";
        if (Files.exists(dir.resolve(CA_CERT))) {
            PrivateKey caKey = readKey(dir.resolve(CA_KEY));
            X509CertificateHolder caCert = readCert(dir.resolve(CA_CERT));
            PrivateKey sm2Key = caKey;
            X509CertificateHolder sm2Cert = caCert;
            if (!Pki.isSm2(caKey)) {
                sm2Key = sm2CaKey(dir, name, now);
                sm2Cert = readCert(dir.resolve(SM2_CA_CERT));
            }
            return new HeadOfficeCa(caKey, caCert, readKey(dir.resolve(SYNC_KEY)), readCert(dir.resolve(SYNC_CERT)),
                    sm2Key, sm2Cert, crlUrl);
        }
        try {
            KeyPair ca = switch (caAlgorithm) {
                case RSA_2048 -> rsaKeyPair();
                case EC_P256 -> ecKeyPair();
                case SM2 -> sm2KeyPair();
            };
            X500Name caName = new X500Name("CN=" + name + " Root CA,O=U-shield Training Bank,C=CN");
            X509CertificateHolder caCert = caCertificate(caName, ca, now);
            // Head office signs its batches with SM2 too when its CA is SM2.
            KeyPair sync = caAlgorithm == KeyAlgorithm.SM2 ? sm2KeyPair() : ecKeyPair();
            X509CertificateHolder syncCert = syncCertificate(
                    new X500Name("CN=" + name + " Batch Sync,O=U-shield Training Bank,C=CN"), sync, caCert, ca.getPrivate(), now);
            writePrivate(dir.resolve(CA_KEY), ca.getPrivate());
            Files.writeString(dir.resolve(CA_CERT), Pki.pem(caCert), StandardCharsets.US_ASCII);
            writePrivate(dir.resolve(SYNC_KEY), sync.getPrivate());
            Files.writeString(dir.resolve(SYNC_CERT), Pki.pem(syncCert), StandardCharsets.US_ASCII);
            PrivateKey sm2Key = caAlgorithm == KeyAlgorithm.SM2 ? ca.getPrivate() : sm2CaKey(dir, name, now);
            X509CertificateHolder sm2Cert = caAlgorithm == KeyAlgorithm.SM2 ? caCert : readCert(dir.resolve(SM2_CA_CERT));
            return new HeadOfficeCa(ca.getPrivate(), caCert, sync.getPrivate(), syncCert, sm2Key, sm2Cert, crlUrl);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot create the simulated head-office CA", e);
        }
    }

    /** The SM2 root beside an RSA or EC root, made on first use (also in a folder made before SM2 existed). */
    private static PrivateKey sm2CaKey(Path dir, String name, Instant now) throws IOException {
        if (Files.exists(dir.resolve(SM2_CA_CERT))) {
            return readKey(dir.resolve(SM2_CA_KEY));
        }
        try {
            KeyPair kp = sm2KeyPair();
            X509CertificateHolder cert = caCertificate(
                    new X500Name("CN=" + name + " SM2 Root CA,O=U-shield Training Bank,C=CN"), kp, now);
            writePrivate(dir.resolve(SM2_CA_KEY), kp.getPrivate());
            Files.writeString(dir.resolve(SM2_CA_CERT), Pki.pem(cert), StandardCharsets.US_ASCII);
            return kp.getPrivate();
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot create the simulated SM2 CA", e);
        }
    }

    /** The root CA certificate (RSA or EC, or SM2 when the whole CA is SM2). */
    public X509CertificateHolder caCertificate() {
        return caCert;
    }

    /** Every root this CA issues from: the root, and the SM2 root beside it (the chain sent to branches). */
    public List<X509CertificateHolder> caCertificates() {
        return sm2CaCert.equals(caCert) ? List.of(caCert) : List.of(caCert, sm2CaCert);
    }

    /** The certificate branches pin to verify response batches. */
    public X509CertificateHolder syncCertificate() {
        return syncCert;
    }

    /** The signer of response batches. */
    public KeyBatchSigner batchSigner() {
        return new KeyBatchSigner(syncKey, syncCert);
    }

    /** Signs an acknowledgement of a workstation's audit tree head with the sync key (docs/batch-format.md). */
    public bank.ushield.audit.AnchorAcknowledgement acknowledge(String workstation, bank.ushield.audit.TreeHead head,
                                                               Instant now) {
        return bank.ushield.audit.AnchorAcknowledgement.sign(workstation, head, now, syncKey,
                Pki.publicKey(syncCert));
    }

    /**
     * Issues a client certificate for the request's subject and key, valid 5 years from now: an SM2 key from the SM2
     * root (SM3withSM2), any other from the root.
     */
    public X509CertificateHolder issue(PKCS10CertificationRequest csr, Instant now) {
        boolean sm2 = org.bouncycastle.asn1.gm.GMObjectIdentifiers.sm2p256v1.equals(
                csr.getSubjectPublicKeyInfo().getAlgorithm().getParameters());
        try {
            return profile.builder(sm2 ? sm2CaCert : caCert, csr.getSubject(), csr.getSubjectPublicKeyInfo(), now)
                    .build(signer(sm2 ? sm2CaKey : caKey));
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot issue a certificate", e);
        }
    }

    /**
     * The CRL of one of this CA's roots ({@link #caCertificates()}), valid 7 days, signed by that root's key (SM3withSM2
     * for the SM2 root): it lists the revoked serials that root issued, as a CRL lists only its own CA's certificates.
     */
    public X509CRLHolder crl(X509CertificateHolder root, List<RevokedSerial> revoked, BigInteger number, Instant now) {
        if (!caCertificates().contains(root)) {
            throw new IllegalArgumentException("Not a root of this CA: " + root.getSubject());
        }
        try {
            X509v2CRLBuilder b = new X509v2CRLBuilder(root.getSubject(), Date.from(now));
            b.setNextUpdate(Date.from(now.atOffset(ZoneOffset.UTC).plusDays(7).toInstant()));
            for (RevokedSerial r : revoked) {
                if (root(r.issuer()).orElse(caCert).equals(root)) {
                    b.addCRLEntry(new BigInteger(r.serialHex(), 16), Date.from(Instant.parse(r.revokedAt())), r.reason());
                }
            }
            b.addExtension(Extension.authorityKeyIdentifier, false, new BcX509ExtensionUtils().createAuthorityKeyIdentifier(root));
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            return b.build(signer(root.equals(caCert) ? caKey : sm2CaKey));
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot build the CRL", e);
        }
    }

    /**
     * The root of this CA with this issuer name, if one is (empty for another CA or null): branches write the issuer
     * as RFC 4514 text (reversed RDN order, as {@code X500Principal.getName()} gives it) or in BouncyCastle's order,
     * so names compare as X.500 names.
     */
    public Optional<X509CertificateHolder> root(String issuer) {
        if (issuer == null) {
            return Optional.empty();
        }
        for (X509CertificateHolder root : caCertificates()) {
            if (root.getSubject().toString().equals(issuer)) {
                return Optional.of(root);
            }
            try {
                if (new X500Principal(issuer).equals(new X500Principal(root.getSubject().getEncoded()))) {
                    return Optional.of(root);
                }
            } catch (IllegalArgumentException | IOException e) {
                // Not a readable name: no root of this CA.
            }
        }
        return Optional.empty();
    }

    /**
     * A serial number this CA revoked, with the RFC 5280 reason code and the issuing root's name (null in state saved
     * before SM2 roots: the main root).
     */
    public record RevokedSerial(String serialHex, String revokedAt, int reason, String issuer) {
        /** Reason for certificates replaced by a renewal. */
        public static final int SUPERSEDED = CRLReason.superseded;
        /** Reason for a certificate no longer needed, e.g. issued for a renewal the branch closed unfinished. */
        public static final int CESSATION_OF_OPERATION = CRLReason.cessationOfOperation;

        /** The RFC 5280 code of a batch's reason word ({@code superseded}, {@code cessationOfOperation}, ...). */
        public static int reasonCode(String reason) {
            if (reason == null) {
                return CRLReason.unspecified;
            }
            return switch (reason) {
                case "superseded" -> SUPERSEDED;
                case "cessationOfOperation" -> CESSATION_OF_OPERATION;
                case "keyCompromise" -> CRLReason.keyCompromise;
                case "affiliationChanged" -> CRLReason.affiliationChanged;
                default -> CRLReason.unspecified;
            };
        }
    }

    static KeyPair rsaKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    static KeyPair sm2KeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Pki.BC);
        g.initialize(new ECGenParameterSpec("sm2p256v1"));
        return g.generateKeyPair();
    }

    static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return KeyBatchSigner.contentSigner(key);
    }

    private static X509CertificateHolder caCertificate(X500Name name, KeyPair kp, Instant now)
            throws IOException, OperatorCreationException {
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded());
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(name, ClientCertificateProfile.serial(),
                Date.from(now.minusSeconds(60)), Date.from(now.atOffset(ZoneOffset.UTC).plusYears(20).toInstant()), name, spki);
        BcX509ExtensionUtils ext = new BcX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(spki));
        return b.build(signer(kp.getPrivate()));
    }

    private static X509CertificateHolder syncCertificate(X500Name name, KeyPair kp, X509CertificateHolder ca,
                                                         PrivateKey caKey, Instant now)
            throws IOException, OperatorCreationException {
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded());
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(ca.getSubject(), ClientCertificateProfile.serial(),
                Date.from(now.minusSeconds(60)), Date.from(now.atOffset(ZoneOffset.UTC).plusYears(10).toInstant()), name, spki);
        BcX509ExtensionUtils ext = new BcX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(spki));
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
        return b.build(signer(caKey));
    }

    private static void writePrivate(Path file, PrivateKey key) throws IOException {
        // PKCS#8 ("PRIVATE KEY"): OpenSSL reads it, and PEMParser gives it back as a PrivateKeyInfo.
        try {
            Files.writeString(file, Pki.pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null)),
                    StandardCharsets.US_ASCII);
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IOException("Cannot encode the key", e);
        }
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own permissions protect it
        }
    }

    static PrivateKey readKey(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
                return conv.getKeyPair(kp).getPrivate();
            }
            if (o instanceof PrivateKeyInfo pki) {
                // The JDK knows no SM2 curve: such a key is read by BouncyCastle.
                boolean sm2 = org.bouncycastle.asn1.gm.GMObjectIdentifiers.sm2p256v1.equals(
                        pki.getPrivateKeyAlgorithm().getParameters());
                return (sm2 ? conv.setProvider(Pki.BC) : conv).getPrivateKey(pki);
            }
            throw new IOException("No private key in " + file.getFileName());
        }
    }

    /** Parses a PEM certificate text. */
    public static X509CertificateHolder readCertFromPem(String pem) throws IOException {
        try (PEMParser p = new PEMParser(new java.io.StringReader(pem))) {
            Object o = p.readObject();
            if (o instanceof X509CertificateHolder c) {
                return c;
            }
            throw new IOException("No certificate in the PEM text");
        }
    }

    /**
     * Every certificate of a PEM file, in file order (or the one of a DER file): the pinned head-office sync
     * certificates, current and next, during a key rollover (ADR 0071).
     */
    public static List<X509CertificateHolder> readCerts(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > 0 && bytes[0] == 0x30) {
            return List.of(new X509CertificateHolder(bytes));
        }
        List<X509CertificateHolder> out = new java.util.ArrayList<>();
        try (PEMParser p = new PEMParser(new java.io.StringReader(new String(bytes, StandardCharsets.US_ASCII)))) {
            for (Object o; (o = p.readObject()) != null; ) {
                if (o instanceof X509CertificateHolder c) {
                    out.add(c);
                }
            }
        }
        if (out.isEmpty()) {
            throw new IOException("No certificate in " + file);
        }
        return List.copyOf(out);
    }

    /** Reads a PEM (or DER) certificate file. */
    public static X509CertificateHolder readCert(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > 0 && bytes[0] == 0x30) {
            return new X509CertificateHolder(bytes);
        }
        return readCertFromPem(new String(bytes, StandardCharsets.US_ASCII));
    }

}
