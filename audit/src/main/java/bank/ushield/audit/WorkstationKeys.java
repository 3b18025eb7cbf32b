package bank.ushield.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.Objects;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.db.OwnerOnly;

/**
 * The workstation's signing identity: an EC P-256 key pair and a self-signed certificate in a PKCS#12 file in the
 * data folder, created on first start. Signs the audit log's tree heads and exports, and (through ca-sync) the
 * batches sent to head office. The password comes from a {@link KeystorePassword}; it is never stored or logged.
 */
public final class WorkstationKeys {

    private static final Logger LOG = LoggerFactory.getLogger(WorkstationKeys.class);

    /** The keystore file name inside the data folder. */
    public static final String FILE_NAME = "workstation-key.p12";
    /** JCA signature algorithm used for every signature made with this key. */
    public static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    /**
     * BouncyCastle for the workstation's signatures and their checks: JDK 17's ECDSA P-256 costs several times
     * BouncyCastle's (ADR 0095), and a checkpoint is signed and head office's acknowledgement checked at every sync.
     */
    static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    private static final String ALIAS = "workstation";
    /** Retired keys stay in the keystore under this prefix and their key id: old heads and batches stay checkable. */
    private static final String RETIRED_PREFIX = "workstation-retired-";
    /** First line of a key hand-over statement (ADR 0080). */
    public static final String HANDOVER_TITLE = "U-shield workstation key hand-over";
    private static final Duration VALIDITY = Duration.ofDays(3653);

    private final PrivateKey privateKey;
    private final X509Certificate certificate;
    private final Path file;

    private WorkstationKeys(PrivateKey privateKey, X509Certificate certificate, Path file) {
        this.privateKey = privateKey;
        this.certificate = certificate;
        this.file = file;
    }

    /**
     * Opens the workstation keystore in {@code dataDir}, creating the key pair and certificate on first start
     * (training and benchmarks; production uses {@link #open} and {@link #create}).
     *
     * @param workstationId goes into the certificate subject (CN) when the key is created
     * @throws AuditException with code KEYSTORE when the file cannot be read (wrong password, damaged) or written
     */
    public static WorkstationKeys loadOrCreate(Path dataDir, String workstationId, KeystorePassword password) {
        Objects.requireNonNull(workstationId, "workstationId");
        Path file = dataDir.resolve(FILE_NAME);
        char[] pw = password.get();
        try {
            if (Files.exists(file)) {
                return load(file, pw);
            }
            return create(dataDir, file, workstationId, pw);
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    /** True when {@code dataDir} holds a workstation keystore (readable or not). */
    public static boolean exists(Path dataDir) {
        return Files.exists(dataDir.resolve(FILE_NAME));
    }

    /**
     * Opens the existing workstation keystore; never creates one (production: a new key head office does not know
     * would sign nothing it accepts, so a lost keystore is an error, not a fresh start).
     *
     * @throws AuditException KEYSTORE when the file is missing, damaged or the password is wrong
     */
    public static WorkstationKeys open(Path dataDir, KeystorePassword password) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            throw new AuditException(AuditException.Code.KEYSTORE, "The workstation keystore " + file
                    + " does not exist (set the workstation up first: teller-app setup).");
        }
        char[] pw = password.get();
        try {
            return load(file, pw);
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    /**
     * Creates the workstation key pair and certificate (first set-up only).
     *
     * @throws AuditException KEYSTORE when a keystore exists already or cannot be written
     */
    public static WorkstationKeys create(Path dataDir, String workstationId, KeystorePassword password) {
        Objects.requireNonNull(workstationId, "workstationId");
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            throw new AuditException(AuditException.Code.KEYSTORE, "The workstation keystore " + file
                    + " exists already; it is never replaced.");
        }
        char[] pw = password.get();
        try {
            return create(dataDir, file, workstationId, pw);
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    private static WorkstationKeys load(Path file, char[] pw) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, pw);
            PrivateKey key = (PrivateKey) ks.getKey(ALIAS, pw);
            X509Certificate cert = (X509Certificate) ks.getCertificate(ALIAS);
            if (key == null || cert == null) {
                throw new AuditException(AuditException.Code.KEYSTORE,
                        "The workstation keystore " + file + " has no workstation key.");
            }
            return new WorkstationKeys(key, cert, file);
        } catch (IOException | GeneralSecurityException e) {
            // A wrong password shows up as an IOException from PKCS#12 integrity checking.
            throw new AuditException(AuditException.Code.KEYSTORE, "The workstation keystore " + file
                    + " cannot be opened (wrong password or damaged file).", e);
        }
    }

    private static WorkstationKeys create(Path dataDir, Path file, String workstationId, char[] pw) {
        try {
            OwnerOnly.folder(dataDir);   // 0700 from the start: the keystore goes in it
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = gen.generateKeyPair();
            X509Certificate cert = selfSigned(pair, workstationId);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, pair.getPrivate(), pw, new X509Certificate[] {cert});
            Path tmp = Files.createTempFile(dataDir, "workstation-key", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, pw);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Created workstation signing key {} in {}", keyId(cert.getPublicKey()), file);
            return new WorkstationKeys(pair.getPrivate(), cert, file);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new AuditException(AuditException.Code.KEYSTORE,
                    "The workstation keystore cannot be created in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static X509Certificate selfSigned(KeyPair pair, String workstationId)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "U-shield counter workstation")
                .addRDN(BCStyle.CN, workstationId)
                .build();
        Instant now = Instant.now();
        BigInteger serial = new BigInteger(127, new SecureRandom());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(pair.getPrivate())));
    }

    /**
     * A finished rotation: the previous and the new key, and the hand-over statement (UTF-8 text naming both
     * certificates' SHA-256 fingerprints) with the previous key's DER ECDSA signature over it.
     */
    public record Rotation(WorkstationKeys previous, WorkstationKeys current, byte[] statement, byte[] signature) {
    }

    /**
     * Makes a new key and certificate and keeps the current one in the keystore as retired (never deleted). The
     * keystore file is replaced by one atomic rename: a kill leaves either the old file or the complete new one.
     *
     * @throws AuditException KEYSTORE when the keystore is missing, unreadable or cannot be written
     */
    public static Rotation rotate(Path dataDir, String workstationId, KeystorePassword password) {
        Objects.requireNonNull(workstationId, "workstationId");
        Path file = dataDir.resolve(FILE_NAME);
        WorkstationKeys previous = open(dataDir, password);
        char[] pw = password.get();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, pw);
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = gen.generateKeyPair();
            X509Certificate cert = selfSigned(pair, workstationId);
            try (var stale = Files.newDirectoryStream(dataDir, "workstation-key*.tmp")) {
                for (Path p : stale) {
                    Files.delete(p); // left by a rotation killed before its rename; never the keystore itself
                }
            }
            ks.setKeyEntry(RETIRED_PREFIX + previous.keyId(), previous.privateKey, pw,
                    new X509Certificate[] {previous.certificate});
            ks.setKeyEntry(ALIAS, pair.getPrivate(), pw, new X509Certificate[] {cert});
            Path tmp = Files.createTempFile(dataDir, "workstation-key", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, pw);
            }
            Rotation rotation = handover(workstationId, previous, new WorkstationKeys(pair.getPrivate(), cert, file));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.info("Rotated workstation signing key {} to {} in {}", previous.keyId(), rotation.current().keyId(), file);
            return rotation;
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new AuditException(AuditException.Code.KEYSTORE,
                    "The workstation key cannot be rotated in " + dataDir + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    /** The hand-over statement the previous key signs: title, workstation, both certificates' fingerprints. */
    public static byte[] handoverStatement(String workstationId, X509Certificate previous, X509Certificate next) {
        return (HANDOVER_TITLE + "\n"
                + "workstation: " + workstationId + "\n"
                + "old-certificate-sha256: " + fingerprint(previous) + "\n"
                + "new-certificate-sha256: " + fingerprint(next) + "\n"
                + "new-key-id: " + keyId(next.getPublicKey()) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A certificate's SHA-256 fingerprint as OpenSSL prints it (upper-case hex pairs joined by colons). */
    public static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MerkleTree.newSha256().digest(cert.getEncoded()));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("Cannot fingerprint a certificate", e);
        }
    }

    /** The hand-over from {@code previous} to {@code current}: the statement and the previous key's signature over it. */
    public static Rotation handover(String workstationId, WorkstationKeys previous, WorkstationKeys current) {
        byte[] statement = handoverStatement(workstationId, previous.certificate, current.certificate);
        return new Rotation(previous, current, statement, previous.sign(statement));
    }

    /** The retired keys kept in the keystore (any order), for checking old heads and finishing a hand-over. */
    public static java.util.List<WorkstationKeys> retired(Path dataDir, KeystorePassword password) {
        Path file = dataDir.resolve(FILE_NAME);
        char[] pw = password.get();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, pw);
            java.util.List<WorkstationKeys> out = new java.util.ArrayList<>();
            for (String alias : java.util.Collections.list(ks.aliases())) {
                if (alias.startsWith(RETIRED_PREFIX) && ks.isKeyEntry(alias)) {
                    out.add(new WorkstationKeys((PrivateKey) ks.getKey(alias, pw),
                            (X509Certificate) ks.getCertificate(alias), file));
                }
            }
            return out;
        } catch (IOException | GeneralSecurityException e) {
            throw new AuditException(AuditException.Code.KEYSTORE, "The workstation keystore " + file
                    + " cannot be opened (wrong password or damaged file).", e);
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    /** The self-signed workstation certificate (public). */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The private key, for signers in other modules (CMS SignedData in ca-sync). Never log or persist it. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The keystore file. */
    public Path file() {
        return file;
    }

    /** Lower-case hex SHA-256 of the public key's SubjectPublicKeyInfo: names the key in checkpoints. */
    public String keyId() {
        return keyId(certificate.getPublicKey());
    }

    /** The key id of any public key, as {@link #keyId()}. */
    public static String keyId(PublicKey key) {
        return HexFormat.of().formatHex(MerkleTree.newSha256().digest(key.getEncoded()));
    }

    /** A DER-encoded ECDSA signature (SHA-256) over the data. */
    public byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance(SIGNATURE_ALGORITHM, BC);
            s.initSign(privateKey);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new AuditException(AuditException.Code.KEYSTORE, "The workstation key cannot sign: " + e.getMessage(), e);
        }
    }

    /** True when {@code signature} is a valid signature by {@code key} over {@code data} (never throws on bad input). */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance(key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : SIGNATURE_ALGORITHM,
                    BC);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The certificate as PEM text (for head office and for `openssl`). */
    public String certificatePem() {
        return pem(certificate);
    }

    /** Any object BouncyCastle can write as PEM (certificate, public key). */
    static String pem(Object o) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "WorkstationKeys[" + certificate.getSubjectX500Principal().getName() + ", key " + keyId().substring(0, 16) + "]";
    }
}
