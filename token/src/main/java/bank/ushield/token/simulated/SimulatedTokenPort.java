package bank.ushield.token.simulated;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import bank.ushield.token.GeneratedKey;
import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.KeyId;
import bank.ushield.token.KeyPlan;
import bank.ushield.token.ObjectKind;
import bank.ushield.token.pin.PinStatus;
import bank.ushield.token.TokenException;
import bank.ushield.token.TokenInfo;
import bank.ushield.token.TokenListener;
import bank.ushield.token.TokenObject;
import bank.ushield.token.TokenPort;
import bank.ushield.token.TokenProblem;
import bank.ushield.token.TokenSession;
import bank.ushield.token.TokenWatcher;

/**
 * The simulated U-shield for training mode and tests: readers and tokens live in the JVM and are persisted to one
 * JSON file after every change, keys are made by BouncyCastle, and errors come out as the same
 * {@link TokenProblem}s the PKCS#11 adapter reports. Faults ({@link SimulatedFaults}) can be injected.
 */
public final class SimulatedTokenPort implements TokenPort {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedTokenPort.class);
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final Object lock = new Object();
    private SimulatedState state;
    private volatile SimulatedFaults faults = SimulatedFaults.NONE;
    private int steps;
    /** Whether the {@link SimulatedFaults#removeAt()} pull happened since the faults were set (it happens once). */
    private boolean pulledAtOperation;
    private final Set<String> openSerials = new java.util.HashSet<>();

    private SimulatedTokenPort(Path file, SimulatedState state) {
        this.file = file;
        this.state = state;
    }

    /** Opens (or creates, with one empty reader) the simulated readers persisted in this file. */
    public static SimulatedTokenPort open(Path file) {
        try {
            SimulatedState s;
            if (Files.exists(file)) {
                s = JSON.readValue(file.toFile(), SimulatedState.class);
            } else {
                s = new SimulatedState();
                SimulatedState.Reader r = new SimulatedState.Reader();
                r.name = "Simulated desk reader 0";
                s.readers.add(r);
            }
            SimulatedTokenPort port = new SimulatedTokenPort(file, s);
            port.save();
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the simulated token file " + file, e);
        }
    }

    // ---- trainer / test controls -------------------------------------------------------------------------------

    /**
     * Sets the faults; the step counter for {@link SimulatedFaults#removeAtStep()} restarts at zero and the
     * {@link SimulatedFaults#removeAt()} pull is armed again.
     */
    public void setFaults(SimulatedFaults faults) {
        synchronized (lock) {
            this.faults = faults;
            this.steps = 0;
            this.pulledAtOperation = false;
        }
    }

    public SimulatedFaults faults() {
        return faults;
    }

    /** Makes a new, empty token (not inserted) with this user PIN; the PIN array is wiped. */
    public void createToken(String serial, String label, char[] pin, int maxTries) {
        synchronized (lock) {
            if (token(serial).isPresent()) {
                Arrays.fill(pin, '\0');
                throw new IllegalArgumentException("token " + serial + " exists");
            }
            SimulatedState.Token t = new SimulatedState.Token();
            t.serial = serial;
            t.label = label;
            t.maxTries = maxTries;
            t.triesLeft = maxTries;
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            t.pinSalt = HexFormat.of().formatHex(salt);
            t.pinHash = pinHash(pin, salt);
            state.tokens.add(t);
            save();
        }
    }

    /**
     * Makes a blank token as head office delivers it (not inserted): no objects, no user PIN, this security officer
     * PIN; the branch initialises it for a customer with {@link #initialise}. The PIN array is wiped.
     */
    public void createBlankToken(String serial, String label, char[] soPin, int maxTries) {
        synchronized (lock) {
            if (token(serial).isPresent()) {
                Arrays.fill(soPin, '\0');
                throw new IllegalArgumentException("token " + serial + " exists");
            }
            SimulatedState.Token t = new SimulatedState.Token();
            t.serial = serial;
            t.label = label;
            t.maxTries = maxTries;
            t.triesLeft = maxTries;
            setSoPin(t, soPin);
            state.tokens.add(t);
            save();
        }
    }

    /** Gives an existing token a security officer PIN (training data made before blank stock existed). */
    public void setSecurityOfficerPin(String serial, char[] soPin) {
        synchronized (lock) {
            setSoPin(requireToken(serial), soPin);
            save();
        }
    }

    /** Gives the token this security officer PIN unless it has one already; the array is wiped. */
    public void ensureSecurityOfficerPin(String serial, char[] soPin) {
        synchronized (lock) {
            SimulatedState.Token t = requireToken(serial);
            if (t.soPinHash != null) {
                Arrays.fill(soPin, '\0');
                return;
            }
            setSoPin(t, soPin);
            save();
        }
    }

    /** Makes the token faulty (it is seen in the reader but answers nothing) or sound again. */
    public void setBroken(String serial, boolean broken) {
        synchronized (lock) {
            requireToken(serial).broken = broken;
            save();
        }
    }

    /** Whether the token exists in the simulator (in a reader or not). */
    public boolean exists(String serial) {
        synchronized (lock) {
            return token(serial).isPresent();
        }
    }

    private static void setSoPin(SimulatedState.Token t, char[] soPin) {
        try {
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            t.soPinSalt = HexFormat.of().formatHex(salt);
            t.soPinHash = pinHash(soPin, salt);
        } finally {
            Arrays.fill(soPin, '\0');
        }
    }

    @Override
    public void initialise(String serial, char[] soPin, String label, char[] userPin) {
        try {
            synchronized (lock) {
                SimulatedState.Token t = null;
                for (SimulatedState.Reader r : state.readers) {
                    if (serial.equals(r.tokenSerial)) {
                        t = requireToken(serial);
                    }
                }
                if (t == null) {
                    throw new TokenException(TokenProblem.TOKEN_NOT_FOUND, "The token " + serial + " is not in any reader");
                }
                if (openSerials.contains(serial)) {
                    throw new IllegalStateException("A session on token " + serial + " is open; close it first");
                }
                if (faults.writeFault() != SimulatedFaults.WriteFault.NONE || t.writeProtected) {
                    throw new TokenException(TokenProblem.WRITE_PROTECTED, "Initialise the token: the token refuses writes");
                }
                if (t.soPinHash == null || !MessageDigest.isEqual(
                        pinHash(soPin, HexFormat.of().parseHex(t.soPinSalt)).getBytes(), t.soPinHash.getBytes())) {
                    throw new TokenException(TokenProblem.WRONG_PIN,
                            "Initialise the token: the security officer PIN is wrong");
                }
                if (userPin != null && (userPin.length < 6 || userPin.length > 8)) {
                    throw new TokenException(TokenProblem.PIN_INVALID,
                            "Initialise the token: the PIN has a length the token refuses");
                }
                t.objects.clear();
                t.label = label;
                t.triesLeft = t.maxTries;
                if (userPin == null) {
                    t.pinSalt = null;
                    t.pinHash = null;
                } else {
                    byte[] salt = new byte[16];
                    RANDOM.nextBytes(salt);
                    t.pinSalt = HexFormat.of().formatHex(salt);
                    t.pinHash = pinHash(userPin, salt);
                }
                save();
                LOG.info("Simulated token {} initialised{}", serial, userPin == null ? " without a user PIN" : "");
            }
        } finally {
            Arrays.fill(soPin, '\0');
            if (userPin != null) {
                Arrays.fill(userPin, '\0');
            }
        }
    }

    /** Adds a reader (slot) and returns its index. */
    public int addReader(String name) {
        synchronized (lock) {
            SimulatedState.Reader r = new SimulatedState.Reader();
            r.name = name;
            state.readers.add(r);
            save();
            return state.readers.size() - 1;
        }
    }

    /** Puts the token into reader {@code reader} (taking it out of any other reader first). */
    public void insert(int reader, String serial) {
        synchronized (lock) {
            requireToken(serial);
            removeQuietly(serial);
            SimulatedState.Reader r = state.readers.get(reader);
            r.tokenSerial = serial;
            r.insertions++;
            save();
        }
    }

    /** Pulls the token out of its reader. */
    public void remove(String serial) {
        synchronized (lock) {
            removeQuietly(serial);
            save();
        }
    }

    private void removeQuietly(String serial) {
        for (SimulatedState.Reader r : state.readers) {
            if (serial.equals(r.tokenSerial)) {
                r.tokenSerial = null;
            }
        }
    }

    /** Sets the model and (when not blank) the manufacturer the token reports, as the customer's records name them. */
    public void setModel(String serial, String model, String manufacturer) {
        synchronized (lock) {
            SimulatedState.Token t = requireToken(serial);
            t.model = model;
            if (manufacturer != null && !manufacturer.isBlank()) {
                t.manufacturer = manufacturer;
            }
            save();
        }
    }

    /** Sets the tries left (0 locks the PIN), e.g. to start a "final try" scenario. */

    public void setTriesLeft(String serial, int triesLeft) {
        synchronized (lock) {
            requireToken(serial).triesLeft = triesLeft;
            save();
        }
    }

    public void setWriteProtected(String serial, boolean writeProtected) {
        synchronized (lock) {
            requireToken(serial).writeProtected = writeProtected;
            save();
        }
    }

    /** How many objects the token holds at most (NO_SPACE beyond). */
    public void setCapacity(String serial, int objects) {
        synchronized (lock) {
            requireToken(serial).capacity = objects;
            save();
        }
    }

    /**
     * Empties a token as the factory does before personalising it again: every object removed, PIN tries back to the
     * maximum; the serial, label and PIN stay. Training data made again must not add to what a token already holds.
     */
    public void wipe(String serial) {
        synchronized (lock) {
            SimulatedState.Token t = requireToken(serial);
            t.objects.clear();
            t.triesLeft = t.maxTries;
            save();
        }
    }

    /**
     * Writes a key pair and certificate as an existing customer token holds them (training scenarios and tests);
     * no login needed: this is the factory, not the teller.
     */
    public void personalise(String serial, KeyId id, String label, KeyPair keyPair, X509Certificate certificate) {
        synchronized (lock) {
            SimulatedState.Token t = requireToken(serial);
            KeyAlgorithm alg = KeyAlgorithm.of(keyPair.getPublic());
            t.objects.add(keyObject(ObjectKind.PRIVATE_KEY, id, label, alg, keyPair));
            t.objects.add(keyObject(ObjectKind.PUBLIC_KEY, id, label, alg, keyPair));
            if (certificate != null) {
                t.objects.add(certObject(id, label, certificate));
            }
            save();
        }
    }

    // ---- the port ----------------------------------------------------------------------------------------------

    @Override
    public List<ReaderSlot> readers() {
        synchronized (lock) {
            List<ReaderSlot> out = new ArrayList<>();
            for (SimulatedState.Reader r : state.readers) {
                out.add(new ReaderSlot(r.name, r.tokenSerial == null ? Optional.empty()
                        : Optional.of(info(requireToken(r.tokenSerial), r))));
            }
            return out;
        }
    }

    @Override
    public List<TokenInfo> presentTokens() {
        return readers().stream().flatMap(r -> r.token().stream()).toList();
    }

    @Override
    public TokenSession open(String serial) {
        synchronized (lock) {
            for (int i = 0; i < state.readers.size(); i++) {
                SimulatedState.Reader r = state.readers.get(i);
                if (serial.equals(r.tokenSerial)) {
                    if (token(serial).map(t -> t.broken).orElse(false)) {
                        throw new TokenException(TokenProblem.DEVICE_ERROR, "The token " + serial + " does not answer");
                    }
                    // As over PKCS#11, where login state is shared by all sessions on a token: one at a time.
                    if (!openSerials.add(serial)) {
                        throw new IllegalStateException("A session on token " + serial + " is already open; close it first");
                    }
                    return new Session(i, r.insertions, serial);
                }
            }
            throw new TokenException(TokenProblem.TOKEN_NOT_FOUND, "The token " + serial + " is not in any reader");
        }
    }

    @Override
    public AutoCloseable watch(TokenListener listener, Duration interval) {
        return TokenWatcher.start(this, listener, interval);
    }

    @Override
    public void close() {
        // State is saved after every change; nothing is held open.
    }

    private static TokenInfo info(SimulatedState.Token t, SimulatedState.Reader r) {
        return new TokenInfo(t.serial, t.label, t.model, t.manufacturer, r.name,
                PinStatus.withTriesLeft(t.triesLeft, t.maxTries), t.writeProtected);
    }

    private Optional<SimulatedState.Token> token(String serial) {
        return state.tokens.stream().filter(t -> t.serial.equals(serial)).findFirst();
    }

    private SimulatedState.Token requireToken(String serial) {
        return token(serial).orElseThrow(() -> new IllegalArgumentException("no simulated token " + serial));
    }

    private void save() {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            JSON.writeValue(tmp.toFile(), state);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the simulated token file " + file, e);
        }
    }

    private static String pinHash(char[] pin, byte[] salt) {
        PBEKeySpec spec = new PBEKeySpec(pin, salt, 10_000, 256);
        try {
            return HexFormat.of().formatHex(
                    SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            spec.clearPassword();
            Arrays.fill(pin, '\0');
        }
    }

    private static SimulatedState.StoredObject keyObject(ObjectKind kind, KeyId id, String label, KeyAlgorithm alg, KeyPair kp) {
        SimulatedState.StoredObject o = new SimulatedState.StoredObject();
        o.kind = kind.name();
        o.idHex = id.hex();
        o.label = label;
        o.algorithm = alg.name();
        o.publicKey = Base64.getEncoder().encodeToString(kp.getPublic().getEncoded());
        if (kind == ObjectKind.PRIVATE_KEY) {
            o.privateKey = Base64.getEncoder().encodeToString(kp.getPrivate().getEncoded());
        }
        return o;
    }

    private static SimulatedState.StoredObject certObject(KeyId id, String label, X509Certificate c) {
        SimulatedState.StoredObject o = new SimulatedState.StoredObject();
        o.kind = ObjectKind.CERTIFICATE.name();
        o.idHex = id.hex();
        o.label = label;
        try {
            o.certificate = Base64.getEncoder().encodeToString(c.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new TokenException(TokenProblem.CERTIFICATE_MISMATCH, "The certificate cannot be encoded", e);
        }
        return o;
    }

    private static KeyFactory keyFactory(String algorithm) throws GeneralSecurityException {
        return KeyFactory.getInstance(algorithm.equals(KeyAlgorithm.RSA_2048.name()) ? "RSA" : "EC", BC);
    }

    /** A session on one simulated token; behaves as the PKCS#11 session does, faults included. */
    private final class Session implements TokenSession {

        private final int reader;
        private final long insertion;
        private final String serial;
        private boolean loggedIn;
        private boolean closed;

        Session(int reader, long insertion, String serial) {
            this.reader = reader;
            this.insertion = insertion;
            this.serial = serial;
        }

        /** One session step: delay, fault counter, and the check that our token is still in the reader. */
        private SimulatedState.Token step(SimulatedFaults.Operation kind, String operation, boolean write) {
            if (closed) {
                throw new IllegalStateException("session closed");
            }
            SimulatedFaults f = faults;
            if (!f.stepDelay().isZero()) {
                try {
                    Thread.sleep(f.stepDelay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TokenException(TokenProblem.DEVICE_ERROR, operation + ": interrupted", e);
                }
            }
            SimulatedState.Reader r = state.readers.get(reader);
            steps++;
            if (f.removeAtStep() > 0 && steps == f.removeAtStep() && r.tokenSerial != null) {
                LOG.info("Simulated fault: token {} pulled out at step {} ({})", r.tokenSerial, steps, operation);
                r.tokenSerial = null;
                save();
            }
            if (f.removeAt() == kind && !pulledAtOperation && r.tokenSerial != null) {
                LOG.info("Simulated fault: token {} pulled out as {} started", r.tokenSerial, kind);
                pulledAtOperation = true;
                r.tokenSerial = null;
                save();
            }
            if (r.tokenSerial == null || r.insertions != insertion && r.tokenSerial.equals(serial)) {
                loggedIn = false;
                throw new TokenException(TokenProblem.TOKEN_REMOVED, operation + ": the token was removed from the reader");
            }
            if (!r.tokenSerial.equals(serial)) {
                loggedIn = false;
                throw new TokenException(TokenProblem.TOKEN_SWAPPED,
                        "A different token (" + r.tokenSerial + ") is in the reader; put back token " + serial);
            }
            SimulatedState.Token t = requireToken(serial);
            if (write) {
                if (!loggedIn) {
                    throw new TokenException(TokenProblem.NOT_LOGGED_IN, operation + ": the token needs the PIN first");
                }
                if (t.writeProtected || f.writeFault() == SimulatedFaults.WriteFault.WRITE_PROTECTED) {
                    throw new TokenException(TokenProblem.WRITE_PROTECTED, operation + ": the token is write-protected");
                }
                if (f.writeFault() == SimulatedFaults.WriteFault.NO_SPACE) {
                    throw new TokenException(TokenProblem.NO_SPACE, operation + ": the token has no space left");
                }
            }
            return t;
        }

        @Override
        public TokenInfo info() {
            synchronized (lock) {
                SimulatedState.Token t = step(SimulatedFaults.Operation.READ_INFO, "Read the token", false);
                return SimulatedTokenPort.info(t, state.readers.get(reader));
            }
        }

        @Override
        public String serial() {
            return serial;
        }

        @Override
        public void login(char[] pin) {
            try {
                synchronized (lock) {
                    SimulatedState.Token t = step(SimulatedFaults.Operation.LOGIN, "Log in", false);
                    if (t.triesLeft <= 0) {
                        throw new TokenException(TokenProblem.PIN_LOCKED, "Log in: the PIN is locked after too many wrong tries",
                                -1, PinStatus.withTriesLeft(0, t.maxTries), null);
                    }
                    if (t.pinHash == null) {
                        throw new TokenException(TokenProblem.NOT_LOGGED_IN, "Log in: the token has no user PIN set");
                    }
                    String hash = pinHash(pin, HexFormat.of().parseHex(t.pinSalt));
                    if (!MessageDigest.isEqual(hash.getBytes(), t.pinHash.getBytes())) {
                        t.triesLeft--;
                        save();
                        PinStatus after = PinStatus.withTriesLeft(t.triesLeft, t.maxTries);
                        if (after.locked()) {
                            throw new TokenException(TokenProblem.PIN_LOCKED,
                                    "Log in: the PIN is locked after too many wrong tries", -1, after, null);
                        }
                        String tries = after.triesLeft().getAsInt() == 1 ? "one try left before the PIN locks"
                                : after.triesLeft().getAsInt() + " tries left";
                        throw new TokenException(TokenProblem.WRONG_PIN, "Log in: the PIN is wrong (" + tries + ")",
                                -1, after, null);
                    }
                    if (t.triesLeft != t.maxTries) {
                        t.triesLeft = t.maxTries;
                        save();
                    }
                    loggedIn = true;
                }
            } finally {
                Arrays.fill(pin, '\0');
            }
        }

        @Override
        public boolean loggedIn() {
            return loggedIn;
        }

        @Override
        public void logout() {
            loggedIn = false;
        }

        @Override
        public List<TokenObject> objects() {
            synchronized (lock) {
                SimulatedState.Token t = step(SimulatedFaults.Operation.READ_OBJECTS, "Read the token objects", false);
                List<TokenObject> out = new ArrayList<>();
                for (ObjectKind kind : ObjectKind.values()) {
                    for (SimulatedState.StoredObject o : t.objects) {
                        if (o.kind.equals(kind.name()) && (kind != ObjectKind.PRIVATE_KEY || loggedIn)) {
                            out.add(new TokenObject(kind, KeyId.ofHex(o.idHex), o.label,
                                    o.algorithm == null ? null : KeyAlgorithm.valueOf(o.algorithm),
                                    o.certificate == null ? null : Base64.getDecoder().decode(o.certificate)));
                        }
                    }
                }
                return out;
            }
        }

        private Optional<SimulatedState.StoredObject> find(SimulatedState.Token t, ObjectKind kind, KeyId id) {
            return t.objects.stream().filter(o -> o.kind.equals(kind.name()) && o.idHex.equals(id.hex())).findFirst();
        }

        @Override
        public Optional<PublicKey> publicKey(KeyId id) {
            synchronized (lock) {
                SimulatedState.Token t = step(SimulatedFaults.Operation.READ_PUBLIC_KEY, "Read the public key", false);
                return find(t, ObjectKind.PUBLIC_KEY, id).map(SimulatedTokenPort::publicKeyOf);
            }
        }

        @Override
        public GeneratedKey generateKeyPair(KeyPlan plan) {
            synchronized (lock) {
                SimulatedState.Token t = step(SimulatedFaults.Operation.KEY_GENERATION, "Generate the new key pair", true);
                Optional<SimulatedState.StoredObject> priv = find(t, ObjectKind.PRIVATE_KEY, plan.id());
                Optional<SimulatedState.StoredObject> pub = find(t, ObjectKind.PUBLIC_KEY, plan.id());
                if (priv.isPresent() && pub.isPresent()) {
                    return new GeneratedKey(plan.id(), plan.label(), plan.algorithm(), publicKeyOf(pub.get()), true);
                }
                if (priv.isPresent()) {
                    throw new TokenException(TokenProblem.KEY_NOT_FOUND, "The pending key " + plan.id()
                            + " has no public key on the token; start the key step again with a new key");
                }
                pub.ifPresent(t.objects::remove);
                if (t.objects.size() + 2 > t.capacity) {
                    throw new TokenException(TokenProblem.NO_SPACE, "Generate the new key pair: the token has no space left");
                }
                KeyPair kp = generate(plan.algorithm());
                t.objects.add(keyObject(ObjectKind.PRIVATE_KEY, plan.id(), plan.label(), plan.algorithm(), kp));
                t.objects.add(keyObject(ObjectKind.PUBLIC_KEY, plan.id(), plan.label(), plan.algorithm(), kp));
                save();
                LOG.info("Simulated token {}: generated {} key pair {}", serial, plan.algorithm(), plan.id());
                return new GeneratedKey(plan.id(), plan.label(), plan.algorithm(), kp.getPublic(), false);
            }
        }

        @Override
        public byte[] sign(KeyId id, byte[] data) {
            synchronized (lock) {
                SimulatedState.Token t = step(SimulatedFaults.Operation.SIGN, "Sign on the token", false);
                if (!loggedIn) {
                    throw new TokenException(TokenProblem.NOT_LOGGED_IN, "Sign on the token: the token needs the PIN first");
                }
                SimulatedState.StoredObject o = find(t, ObjectKind.PRIVATE_KEY, id).orElseThrow(
                        () -> new TokenException(TokenProblem.KEY_NOT_FOUND, "Key " + id + " is not on the token"));
                try {
                    PrivateKey key = keyFactory(o.algorithm).generatePrivate(
                            new PKCS8EncodedKeySpec(Base64.getDecoder().decode(o.privateKey)));
                    Signature s = Signature.getInstance(KeyAlgorithm.valueOf(o.algorithm).jcaSignatureName(), BC);
                    s.initSign(key);
                    s.update(data);
                    return s.sign();
                } catch (GeneralSecurityException e) {
                    throw new TokenException(TokenProblem.DEVICE_ERROR, "Sign on the token: the simulated key is unusable", e);
                }
            }
        }

        @Override
        public void writeCertificate(KeyId id, String label, X509Certificate certificate) {
            synchronized (lock) {
                SimulatedState.Token t = step(SimulatedFaults.Operation.CERTIFICATE_WRITE, "Write the certificate", true);
                if (t.objects.size() + 1 > t.capacity) {
                    throw new TokenException(TokenProblem.NO_SPACE, "Write the certificate: the token has no space left");
                }
                t.objects.add(certObject(id, label, certificate));
                save();
            }
        }

        @Override
        public int destroyObjects(KeyId id, ObjectKind... kinds) {
            synchronized (lock) {
                SimulatedState.Token t = step(SimulatedFaults.Operation.REMOVE_OBJECTS, "Remove old objects", true);
                Set<String> names = new java.util.HashSet<>();
                for (ObjectKind k : kinds.length == 0 ? ObjectKind.values() : kinds) {
                    names.add(k.name());
                }
                int before = t.objects.size();
                t.objects.removeIf(o -> o.idHex.equals(id.hex()) && names.contains(o.kind));
                save();
                return before - t.objects.size();
            }
        }

        @Override
        public void close() {
            synchronized (lock) {
                if (!closed) {
                    openSerials.remove(serial);
                }
                loggedIn = false;
                closed = true;
            }
        }

        @Override
        public String toString() {
            return "SimulatedTokenSession[serial=" + serial + ", loggedIn=" + loggedIn + "]";
        }
    }

    private static PublicKey publicKeyOf(SimulatedState.StoredObject o) {
        try {
            return keyFactory(o.algorithm).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(o.publicKey)));
        } catch (GeneralSecurityException e) {
            throw new TokenException(TokenProblem.DEVICE_ERROR, "The simulated public key is unusable", e);
        }
    }

    static KeyPair generate(KeyAlgorithm algorithm) {
        try {
            KeyPairGenerator g;
            if (algorithm == KeyAlgorithm.RSA_2048) {
                g = KeyPairGenerator.getInstance("RSA", BC);
                g.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), RANDOM);
            } else {
                g = KeyPairGenerator.getInstance("EC", BC);
                g.initialize(new ECGenParameterSpec(algorithm == KeyAlgorithm.SM2 ? "sm2p256v1" : "secp256r1"), RANDOM);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new TokenException(TokenProblem.UNSUPPORTED_MECHANISM, "Cannot make a " + algorithm + " key", e);
        }
    }
}
