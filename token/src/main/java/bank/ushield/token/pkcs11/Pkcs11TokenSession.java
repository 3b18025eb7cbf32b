package bank.ushield.token.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Integer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.KeyPairTemplate;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11KeyPair;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.params.ByteArrayParams;

import bank.ushield.token.GeneratedKey;
import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.KeyEncoding;
import bank.ushield.token.KeyId;
import bank.ushield.token.KeyPlan;
import bank.ushield.token.ObjectKind;
import bank.ushield.token.Sm2;
import bank.ushield.token.pin.PinStatus;
import bank.ushield.token.TokenException;
import bank.ushield.token.TokenInfo;
import bank.ushield.token.TokenObject;
import bank.ushield.token.TokenProblem;
import bank.ushield.token.TokenSession;

/** A session on one PKCS#11 token; every call runs on the module's thread, which owns the session handle. */
final class Pkcs11TokenSession implements TokenSession {

    private static final Logger LOG = LoggerFactory.getLogger(Pkcs11TokenSession.class);
    private static final BigInteger F4 = BigInteger.valueOf(65537);

    private final Pkcs11Runtime runtime;
    private final Slot slot;
    private final Session session;
    private final String serial;
    /** How this token model does SM2; null when no profile fits (then SM2 is refused, RSA and EC work as before). */
    private final VendorProfile profile;
    /** The token info that found the token when this session was opened. */
    private final TokenInfo atOpen;
    private boolean loggedIn;
    /** Volatile: {@link #close()} on a closed session returns without a hand-over to the module's thread. */
    private volatile boolean closed;
    /** Private key handles and public keys by CKA_ID, valid for this session's life (dropped when destroyed). */
    private final Map<KeyId, SigningKey> signingKeys = new HashMap<>();
    private final Map<KeyId, PublicKey> publicKeys = new HashMap<>();

    private record SigningKey(long handle, KeyAlgorithm algorithm) {
    }

    private Pkcs11TokenSession(Pkcs11Runtime runtime, Slot slot, Session session, TokenInfo atOpen,
                               VendorProfile profile) {
        this.runtime = runtime;
        this.slot = slot;
        this.session = session;
        this.serial = atOpen.serial();
        this.atOpen = atOpen;
        this.profile = profile;
    }

    /** Opens a R/W session (R/O if the token is write-protected); runs on the module thread. */
    static Pkcs11TokenSession open(Pkcs11Runtime runtime, Slot slot, TokenInfo found, VendorProfile profile)
            throws PKCS11Exception {
        String serial = found.serial();
        // PKCS#11 login state is shared by all of an application's sessions on a token: one session per token.
        runtime.claim(serial);
        Session s = null;
        try {
            s = slot.getToken().openSession(true);
        } catch (PKCS11Exception e) {
            if (e.getErrorCode() != CKR_TOKEN_WRITE_PROTECTED) {
                throw e;
            }
            s = slot.getToken().openSession(false);
        } finally {
            if (s == null) {
                runtime.release(serial);
            }
        }
        runtime.sessionOpened();
        return new Pkcs11TokenSession(runtime, slot, s, found, profile);
    }

    /** A call on the module thread; a token that is gone takes its login state with it. */
    private <T> T call(String operation, Pkcs11Runtime.Call<T> work) {
        try {
            return runtime.call(operation, work);
        } catch (TokenException e) {
            if (e.problem() == TokenProblem.TOKEN_REMOVED || e.problem() == TokenProblem.TOKEN_SWAPPED) {
                loggedIn = false;
                forgetOnThread();
            }
            throw e;
        }
    }

    /** What the runtime keeps for this token (slot, mechanisms) is dropped: it left or another one is in its place. */
    private void forgetOnThread() {
        try {
            runtime.call("Forget the token", () -> {
                runtime.forget(serial);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.debug("Forgetting token {}: {}", serial, e.toString());
        }
    }

    @Override
    public String serial() {
        return serial;
    }

    @Override
    public TokenInfo info() {
        return call("Read the token", this::readInfo);
    }

    @Override
    public TokenInfo infoAtOpen() {
        return atOpen;
    }

    private TokenInfo readInfo() throws PKCS11Exception {
        return Pkcs11TokenPort.toInfo(runtime, slot, slot.getToken().getTokenInfo());
    }

    /** The serial re-check before every write (one C_GetTokenInfo): the token in the slot must still be ours. */
    private void checkSameToken() throws PKCS11Exception {
        ensureOpen();
        String now = slot.getToken().getTokenInfo().getSerialNumber().strip();
        if (!now.equals(serial)) {
            LOG.warn("Token swapped: session opened on {}, reader now holds {}", serial, now);
            throw new TokenException(TokenProblem.TOKEN_SWAPPED,
                    "A different token (" + now + ") is in the reader; put back token " + serial);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("session closed");
        }
    }

    private void requireLogin(String operation) {
        if (!loggedIn) {
            throw new TokenException(TokenProblem.NOT_LOGGED_IN, operation + ": the token needs the PIN first");
        }
    }

    @Override
    public void login(char[] pin) {
        try {
            call("Log in", () -> {
                checkSameToken();
                try {
                    session.login(CKU_USER, pin);
                } catch (PKCS11Exception e) {
                    if (e.getErrorCode() == CKR_USER_ALREADY_LOGGED_IN) {
                        loggedIn = true;
                        return null;
                    }
                    PinStatus after = pinStatusOrNull();
                    throw Pkcs11Errors.map("Log in", e.getErrorCode(), after, e);
                }
                loggedIn = true;
                return null;
            });
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    private PinStatus pinStatusOrNull() {
        try {
            return readInfo().pinStatus();
        } catch (PKCS11Exception e) {
            return null;
        }
    }

    @Override
    public <T> T batch(String operation, Supplier<T> work) {
        return call(operation, work::get);
    }

    @Override
    public java.util.Set<KeyAlgorithm> algorithms() {
        return call("Read the token's mechanisms", () -> Pkcs11Directory.algorithms(runtime.mechanisms(slot, serial),
                Optional.ofNullable(profile)));
    }

    @Override
    public boolean loggedIn() {
        return loggedIn;
    }

    /** Asks the module: the session must still be in a user state (C_GetSessionInfo) on the same token. */
    @Override
    public boolean loginStillValid() {
        if (closed || !loggedIn) {
            return false;
        }
        try {
            return call("Check the login", () -> {
                long state = session.getSessionInfo().getState();
                if (state != CKS_RO_USER_FUNCTIONS && state != CKS_RW_USER_FUNCTIONS) {
                    loggedIn = false;
                    return false;
                }
                checkSameToken();
                return true;
            });
        } catch (TokenException e) {
            LOG.debug("Login of token {} no longer valid: {}", serial, e.problem());
            loggedIn = false;
            return false;
        }
    }

    @Override
    public void logout() {
        call("Log out", () -> {
            logoutOnThread();
            return null;
        });
    }

    private void logoutOnThread() {
        if (!loggedIn || closed) {
            return;
        }
        loggedIn = false;
        try {
            session.logout();
        } catch (PKCS11Exception e) {
            LOG.debug("C_Logout: {}", Pkcs11Errors.name(e.getErrorCode()));
        }
    }

    @Override
    public List<TokenObject> objects() {
        return call("Read the token objects", () -> {
            ensureOpen();
            List<TokenObject> out = new ArrayList<>();
            for (ObjectKind kind : ObjectKind.values()) {
                out.addAll(ofKind(kind));
            }
            return out;
        });
    }

    @Override
    public List<TokenObject> objects(KeyId id, ObjectKind... kinds) {
        return call("Read the token objects", () -> {
            ensureOpen();
            List<TokenObject> out = new ArrayList<>();
            if (kinds.length == 1) {
                for (long h : find(kinds[0], id)) {
                    out.add(readObject(kinds[0], h));
                }
                return out;
            }
            List<ObjectKind> wanted = List.of(kinds.length == 0 ? ObjectKind.values() : kinds);
            for (Found f : findById(id)) {
                if (wanted.contains(f.kind())) {
                    out.add(readObject(f.kind(), f.handle()));
                }
            }
            return out;
        });
    }

    @Override
    public List<TokenObject> objectsWith(java.util.Collection<KeyId> ids) {
        return call("Read the token objects", () -> {
            ensureOpen();
            List<TokenObject> out = new ArrayList<>();
            for (KeyId id : new java.util.LinkedHashSet<>(ids)) {
                for (Found f : findById(id)) {
                    out.add(readObject(f.kind(), f.handle()));
                }
            }
            return out;
        });
    }

    @Override
    public List<TokenObject> objectsOf(ObjectKind kind) {
        return call("Read the token objects", () -> {
            ensureOpen();
            return ofKind(kind);
        });
    }

    private List<TokenObject> ofKind(ObjectKind kind) throws PKCS11Exception {
        List<TokenObject> out = new ArrayList<>();
        for (long h : session.findAllObjectsSingle(new AttributeVector().class_(classOf(kind)))) {
            out.add(readObject(kind, h));
        }
        return out;
    }

    private record Found(ObjectKind kind, long handle) {
    }

    /**
     * The keys and certificates with this CKA_ID, by one search on the CKA_ID alone (three calls) and one read of each
     * object's class (usually zero to three objects), instead of a search per kind of object.
     */
    private List<Found> findById(KeyId id) throws PKCS11Exception {
        List<Found> out = new ArrayList<>();
        for (long h : session.findAllObjectsSingle(new AttributeVector().id(id.bytes()))) {
            Long objectClass = session.getAttrValues(h, CKA_CLASS).class_();
            ObjectKind kind = objectClass == null ? null : kindOf(objectClass);
            if (kind != null) {
                out.add(new Found(kind, h));
            }
        }
        return out;
    }

    private static ObjectKind kindOf(long objectClass) {
        if (objectClass == CKO_PRIVATE_KEY) {
            return ObjectKind.PRIVATE_KEY;
        }
        if (objectClass == CKO_PUBLIC_KEY) {
            return ObjectKind.PUBLIC_KEY;
        }
        return objectClass == CKO_CERTIFICATE ? ObjectKind.CERTIFICATE : null;
    }

    private TokenObject readObject(ObjectKind kind, long handle) throws PKCS11Exception {
        AttributeVector a = kind == ObjectKind.CERTIFICATE
                ? session.getAttrValues(handle, CKA_ID, CKA_LABEL, CKA_VALUE)
                : session.getAttrValues(handle, CKA_ID, CKA_LABEL, CKA_KEY_TYPE);
        byte[] id = a.id();
        KeyId keyId = id == null || id.length == 0 ? null : KeyId.of(id);
        KeyAlgorithm alg = kind == ObjectKind.CERTIFICATE ? null : algorithmOf(a.keyType());
        return new TokenObject(kind, keyId, a.label(), alg, kind == ObjectKind.CERTIFICATE ? a.value() : null);
    }

    private KeyAlgorithm algorithmOf(Long keyType) {
        if (keyType == null) {
            return null;
        }
        if (keyType == CKK_RSA) {
            return KeyAlgorithm.RSA_2048;
        }
        if (profile != null && VendorProfile.same(keyType, profile.sm2KeyType(), CKK_VENDOR_SM2)) {
            return KeyAlgorithm.SM2;
        }
        return keyType == CKK_EC ? KeyAlgorithm.EC_P256 : null;
    }

    private static long classOf(ObjectKind kind) {
        return switch (kind) {
            case PRIVATE_KEY -> CKO_PRIVATE_KEY;
            case PUBLIC_KEY -> CKO_PUBLIC_KEY;
            case CERTIFICATE -> CKO_CERTIFICATE;
        };
    }

    private long[] find(ObjectKind kind, KeyId id) throws PKCS11Exception {
        return session.findAllObjectsSingle(new AttributeVector().class_(classOf(kind)).id(id.bytes()));
    }

    @Override
    public Optional<PublicKey> publicKey(KeyId id) {
        return call("Read the public key", () -> {
            ensureOpen();
            PublicKey cached = publicKeys.get(id);
            if (cached != null) {
                return Optional.of(cached);
            }
            long[] h = find(ObjectKind.PUBLIC_KEY, id);
            if (h.length == 0) {
                return Optional.empty();
            }
            PublicKey key = readPublicKey(h[0]);
            publicKeys.put(id, key);
            return Optional.of(key);
        });
    }

    private PublicKey readPublicKey(long handle) throws PKCS11Exception {
        return readPublicKey(handle, algorithmOf(session.getAttrValues(handle, CKA_KEY_TYPE).keyType()));
    }

    private PublicKey readPublicKey(long handle, KeyAlgorithm algorithm) throws PKCS11Exception {
        if (algorithm == KeyAlgorithm.RSA_2048) {
            AttributeVector a = session.getAttrValues(handle, CKA_MODULUS, CKA_PUBLIC_EXPONENT);
            return KeyEncoding.rsaPublicKey(a.modulus(), a.publicExponent());
        } else if (algorithm != null) {
            AttributeVector a = session.getAttrValues(handle, CKA_EC_PARAMS, CKA_EC_POINT);
            return KeyEncoding.ecPublicKey(a.ecParams(), a.ecPoint());
        }
        throw new TokenException(TokenProblem.UNSUPPORTED_MECHANISM, "The key on the token has an unsupported type");
    }

    @Override
    public GeneratedKey generateKeyPair(KeyPlan plan) {
        return call("Generate the new key pair", () -> {
            requireLogin("Generate the new key pair");
            checkSameToken();
            // The idempotency look-up (ADR 0050): one search by the plan's CKA_ID finds a pair a killed run made.
            List<Found> found = findById(plan.id());
            long[] priv = found.stream().filter(f -> f.kind() == ObjectKind.PRIVATE_KEY).mapToLong(Found::handle).toArray();
            long[] pub = found.stream().filter(f -> f.kind() == ObjectKind.PUBLIC_KEY).mapToLong(Found::handle).toArray();
            if (priv.length > 0 && pub.length > 0) {
                LOG.info("Key pair {} already on token {}: resuming with it", plan.id(), serial);
                PublicKey key = readPublicKey(pub[0]);
                publicKeys.put(plan.id(), key);
                return new GeneratedKey(plan.id(), plan.label(), plan.algorithm(), key, true);
            }
            if (priv.length > 0) {
                throw new TokenException(TokenProblem.KEY_NOT_FOUND, "The pending key " + plan.id()
                        + " has no public key on the token; start the key step again with a new key");
            }
            for (long h : pub) {
                session.destroyObject(h); // a public key alone is a leftover, never useful
            }
            long mech = switch (plan.algorithm()) {
                case RSA_2048 -> CKM_RSA_PKCS_KEY_PAIR_GEN;
                case EC_P256 -> CKM_EC_KEY_PAIR_GEN;
                case SM2 -> sm2Profile("Generate the new key pair").sm2KeyPairGen();
            };
            if (plan.algorithm() == KeyAlgorithm.SM2) {
                requireMechanism(mech, CKM_VENDOR_SM2_KEY_PAIR_GEN, "SM2 key generation");
                requireMechanism(profile.signMechanism(), profile.zOnToken() ? CKM_VENDOR_SM2_SM3 : CKM_VENDOR_SM2,
                        "SM2 signing");
            }
            KeyPairTemplate template = template(plan, profile);
            PKCS11KeyPair pair = session.generateKeyPair(new Mechanism(mech), template);
            LOG.info("Generated {} key pair {} on token {}", plan.algorithm(), plan.id(), serial);
            PublicKey key = readPublicKey(pair.getPublicKey(), plan.algorithm()); // the type is the plan's
            publicKeys.put(plan.id(), key);
            signingKeys.put(plan.id(), new SigningKey(pair.getPrivateKey(), plan.algorithm()));
            return new GeneratedKey(plan.id(), plan.label(), plan.algorithm(), key, false);
        });
    }

    private VendorProfile sm2Profile(String operation) {
        if (profile == null) {
            TokenInfo info = Pkcs11TokenPort.initialised(runtime, slot).orElse(null);
            throw new TokenException(TokenProblem.UNSUPPORTED_MECHANISM, operation + ": no vendor profile says how "
                    + (info == null ? "this token" : "the token model " + info.manufacturer() + " " + info.model())
                    + " does SM2 (docs/token.md, vendor profiles)");
        }
        return profile;
    }

    /** A code the profile names but the token does not list is refused before anything is written. */
    private void requireMechanism(long code, long generic, String what) {
        for (long m : runtime.mechanisms(slot, serial).codes()) {
            if (VendorProfile.same(m, code, generic)) {
                return;
            }
        }
        throw new TokenException(TokenProblem.UNSUPPORTED_MECHANISM, "The token does not offer the mechanism "
                + String.format("0x%08X", code) + " that vendor profile " + profile.name() + " gives for " + what
                + "; check the profile against the vendor's documentation");
    }

    /** Private key: sensitive, never extractable, signing only. Public key: verify only. */
    static KeyPairTemplate template(KeyPlan plan, VendorProfile profile) {
        byte[] id = plan.id().bytes();
        AttributeVector priv;
        AttributeVector pub;
        if (plan.algorithm() == KeyAlgorithm.RSA_2048) {
            priv = AttributeVector.newRSAPrivateKey();
            pub = AttributeVector.newRSAPublicKey().modulusBits(2048).publicExponent(F4);
        } else if (plan.algorithm() == KeyAlgorithm.SM2) {
            priv = new AttributeVector().class_(CKO_PRIVATE_KEY).keyType(profile.sm2KeyType());
            pub = new AttributeVector().class_(CKO_PUBLIC_KEY).keyType(profile.sm2KeyType()).ecParams(Sm2.curveParams());
        } else {
            priv = AttributeVector.newECPrivateKey();
            pub = AttributeVector.newECPublicKey().ecParams(KeyEncoding.p256Params());
        }
        priv.token(true).private_(true).sensitive(true).extractable(false).sign(true).decrypt(false)
                .unwrap(false).derive(false).id(id).label(plan.label());
        pub.token(true).private_(false).verify(true).encrypt(false).wrap(false).id(id).label(plan.label());
        return new KeyPairTemplate(priv, pub);
    }

    @Override
    public byte[] sign(KeyId id, byte[] data) {
        return call("Sign on the token", () -> {
            requireLogin("Sign on the token");
            try {
                return signWith(id, signingKey(id), data);
            } catch (PKCS11Exception e) {
                if (e.getErrorCode() != CKR_KEY_HANDLE_INVALID && e.getErrorCode() != CKR_OBJECT_HANDLE_INVALID) {
                    throw e;
                }
                signingKeys.remove(id); // the object went away under us (another application): look again once
                return signWith(id, signingKey(id), data);
            }
        });
    }

    private SigningKey signingKey(KeyId id) throws PKCS11Exception {
        SigningKey key = signingKeys.get(id);
        if (key == null) {
            long[] priv = find(ObjectKind.PRIVATE_KEY, id);
            if (priv.length == 0) {
                throw new TokenException(TokenProblem.KEY_NOT_FOUND, "Key " + id + " is not on the token");
            }
            key = new SigningKey(priv[0], algorithmOf(session.getAttrValues(priv[0], CKA_KEY_TYPE).keyType()));
            signingKeys.put(id, key);
        }
        return key;
    }

    private byte[] signWith(KeyId id, SigningKey key, byte[] data) throws PKCS11Exception {
        if (key.algorithm() == KeyAlgorithm.SM2) {
            return sm2Sign(id, key, data);
        }
        if (key.algorithm() == KeyAlgorithm.EC_P256) {
            // SoftHSM 2.6 (and many tokens) lack CKM_ECDSA_SHA256: hash here, sign the hash.
            return KeyEncoding.ecdsaPlainToDer(session.signSingle(new Mechanism(CKM_ECDSA), key.handle(), sha256(data)));
        }
        return session.signSingle(new Mechanism(CKM_SHA256_RSA_PKCS), key.handle(), data);
    }

    /** SM3withSM2 with the default user ID: Z on the token or here, as the vendor profile says. */
    private byte[] sm2Sign(KeyId id, SigningKey key, byte[] data) throws PKCS11Exception {
        VendorProfile p = sm2Profile("Sign on the token");
        byte[] signature;
        if (p.zOnToken()) {
            Mechanism m = p.userIdParameter()
                    ? new Mechanism(p.signMechanism(), new ByteArrayParams(Sm2.defaultUserId()))
                    : new Mechanism(p.signMechanism());
            signature = session.signSingle(m, key.handle(), data);
        } else {
            PublicKey pub = publicKeys.get(id);
            if (pub == null) {
                long[] h = find(ObjectKind.PUBLIC_KEY, id);
                if (h.length == 0) {
                    throw new TokenException(TokenProblem.KEY_NOT_FOUND, "The public key of " + id
                            + " is not on the token; Z cannot be computed");
                }
                pub = readPublicKey(h[0]);
                publicKeys.put(id, pub);
            }
            signature = session.signSingle(new Mechanism(p.signMechanism()), key.handle(),
                    Sm2.digest(pub, Sm2.defaultUserId(), data));
        }
        return p.rawSignature() ? KeyEncoding.ecdsaPlainToDer(signature) : signature;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void writeCertificate(KeyId id, String label, X509Certificate certificate) {
        call("Write the certificate", () -> {
            requireLogin("Write the certificate");
            checkSameToken();
            AttributeVector cert = AttributeVector.newX509Certificate().token(true).private_(false)
                    .id(id.bytes()).label(label)
                    .subject(certificate.getSubjectX500Principal().getEncoded())
                    .issuer(certificate.getIssuerX500Principal().getEncoded())
                    .serialNumber(new ASN1Integer(certificate.getSerialNumber()).getEncoded())
                    .value(encoded(certificate));
            session.createObject(cert);
            LOG.info("Wrote certificate {} for key {} on token {}", certificate.getSerialNumber().toString(16), id, serial);
            return null;
        });
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new TokenException(TokenProblem.CERTIFICATE_MISMATCH, "The certificate cannot be encoded", e);
        }
    }

    @Override
    public int destroyObjects(KeyId id, ObjectKind... kinds) {
        return call("Remove old objects", () -> {
            requireLogin("Remove old objects");
            checkSameToken();
            signingKeys.remove(id);
            publicKeys.remove(id);
            int n = 0;
            List<ObjectKind> wanted = List.of(kinds.length == 0 ? ObjectKind.values() : kinds);
            for (Found f : findById(id)) {
                if (wanted.contains(f.kind())) {
                    session.destroyObject(f.handle());
                    n++;
                }
            }
            LOG.info("Removed {} object(s) with id {} from token {}", n, id, serial);
            return n;
        });
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        call("Close the token session", () -> {
            if (closed) {
                return null;
            }
            logoutOnThread();
            closed = true;
            runtime.sessionClosed();
            runtime.release(serial);
            try {
                session.closeSession();
            } catch (PKCS11Exception e) {
                LOG.debug("C_CloseSession: {}", Pkcs11Errors.name(e.getErrorCode()));
            }
            return null;
        });
    }

    @Override
    public String toString() {
        return "Pkcs11TokenSession[serial=" + serial + ", loggedIn=" + loggedIn + "]";
    }
}
