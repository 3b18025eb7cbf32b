package bank.ushield.renewal.adapter;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.KeyEncoding;
import bank.ushield.token.KeyId;
import bank.ushield.token.KeyPlan;
import bank.ushield.token.ObjectKind;
import bank.ushield.token.pin.PinPrompter;
import bank.ushield.token.Repersonalisation;
import bank.ushield.token.TokenException;
import bank.ushield.token.TokenInfo;
import bank.ushield.token.TokenObject;
import bank.ushield.token.TokenPort;
import bank.ushield.token.TokenSession;
import bank.ushield.renewal.KeyKind;
import bank.ushield.renewal.KeyPolicy;
import bank.ushield.renewal.PresentedToken;
import bank.ushield.renewal.Problem;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.RenewalException;
import bank.ushield.renewal.TokenDesk;

/**
 * The renewal's {@link TokenDesk} on the token module: a {@link TokenPort} (PKCS#11 or simulated) and the
 * resumable {@link Repersonalisation} steps. Token problems become {@link RenewalException}s a teller can act on.
 * One logged-in session serves the token steps of one visit (ADR 0074): the customer types the PIN once; the
 * session is closed (logged out) after the self-test, at {@link #endVisit()}, on any token failure, or when another
 * token's step comes. The PIN itself is never kept.
 */
public final class PortTokenDesk implements TokenDesk {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PortTokenDesk.class);

    private final TokenPort port;
    private final Repersonalisation steps;
    private final KeyAlgorithm algorithm;
    private final String preferredLabel;
    /** The visit's logged-in session, or null; guarded by this. */
    private TokenSession visit;
    /** The security officer PIN blank tokens are delivered with (a fresh copy per call; null: none configured). */
    private final java.util.function.Supplier<char[]> soPin;
    /** Without {@link #soPin}: ask the teller for the SO PIN on the blank's delivery envelope (production). */
    private final boolean askForSoPin;

    public PortTokenDesk(TokenPort port, Repersonalisation steps, KeyAlgorithm algorithm) {
        this(port, steps, algorithm, "");
    }

    /**
     * As above; when the case's registered token is not among several present ones, the token with
     * {@code preferredLabel} (Settings' token selection) is the one read and shown, not the reader's first.
     */
    public PortTokenDesk(TokenPort port, Repersonalisation steps, KeyAlgorithm algorithm, String preferredLabel) {
        this(port, steps, algorithm, preferredLabel, null);
    }

    /**
     * As above, able to initialise blank tokens and retire replaced ones with the security officer PIN head office
     * delivers them with ({@code soPin} returns a fresh array each call, wiped after use; ADR 0077).
     */
    public PortTokenDesk(TokenPort port, Repersonalisation steps, KeyAlgorithm algorithm, String preferredLabel,
                         java.util.function.Supplier<char[]> soPin) {
        this(port, steps, algorithm, preferredLabel, soPin, false);
    }

    private PortTokenDesk(TokenPort port, Repersonalisation steps, KeyAlgorithm algorithm, String preferredLabel,
                          java.util.function.Supplier<char[]> soPin, boolean askForSoPin) {
        this.askForSoPin = askForSoPin;
        this.port = port;
        this.steps = steps;
        this.algorithm = algorithm;
        this.preferredLabel = preferredLabel == null ? "" : preferredLabel.strip();
        this.soPin = soPin;
    }

    /**
     * Production: no SO PIN is configured or stored anywhere; initialising a blank asks the teller for the one printed
     * in the sealed envelope delivered with it (ADR 0077 addendum), held only in a char[] and wiped after use.
     */
    public static PortTokenDesk askingForDeliverySoPin(TokenPort port, Repersonalisation steps, KeyAlgorithm algorithm,
                                                       String preferredLabel) {
        return new PortTokenDesk(port, steps, algorithm, preferredLabel, null, true);
    }

    @Override
    public void initialise(String serial, String label, char[] userPin) {
        initialise(serial, label, userPin, null);
    }

    @Override
    public synchronized void initialise(String serial, String label, char[] userPin, PinPrompter officer) {
        endVisitOn(serial); // re-initialising needs the token without open sessions; its login ends with it
        char[] so = null;
        try {
            if (soPin != null) {
                so = soPin.get();
            } else if (askForSoPin && officer != null) {
                so = officer.promptPin(new bank.ushield.token.pin.PinRequest(serial, label,
                        bank.ushield.token.pin.PinStatus.OK, false,
                        bank.ushield.token.pin.PinRequest.Purpose.SECURITY_OFFICER));
                if (so == null) {
                    throw new RenewalException(ProblemCode.PIN_ENTRY_CANCELLED, "initialise");
                }
            } else {
                throw new RenewalException(ProblemCode.NOT_AVAILABLE_IN_THIS_SETUP, "initialise");
            }
            port.initialise(serial, so, label, userPin);
        } catch (TokenException e) {
            throw switch (e.problem()) {
                case WRONG_PIN, PIN_LOCKED, WRITE_PROTECTED, DEVICE_ERROR, NO_SPACE ->
                        new RenewalException(Problem.of(ProblemCode.NEW_TOKEN_REFUSED, serial), e);
                case PIN_INVALID -> new RenewalException(Problem.of(ProblemCode.NEW_PIN_INVALID), e);
                default -> map(e, "initialise");
            };
        } finally {
            Arrays.fill(userPin, '\0');
            if (so != null) {
                Arrays.fill(so, '\0');
            }
        }
    }

    @Override
    public synchronized void retire(String serial, PinPrompter customer) {
        endVisitOn(serial);
        if (soPin != null || !askForSoPin || customer == null) {
            retire(serial);
            return;
        }
        // The old token's SO PIN came in an envelope long gone: the customer's PIN opens it to destroy what it holds.
        try (TokenSession session = port.open(serial)) {
            session.login(customer);
            Set<KeyId> ids = new LinkedHashSet<>();
            for (TokenObject o : session.objects()) {
                if (o.id() != null) {
                    ids.add(o.id());
                }
            }
            for (KeyId id : ids) {
                session.destroyObjects(id);
            }
        } catch (TokenException e) {
            throw map(e, "retire");
        }
    }

    /** A copy of this desk that asks for the delivery SO PIN instead of knowing one (production's mode). */
    public PortTokenDesk askingForDeliverySoPin() {
        return new PortTokenDesk(port, steps, algorithm, preferredLabel, null, true);
    }

    @Override
    public synchronized void retire(String serial) {
        endVisitOn(serial);
        if (soPin == null) {
            throw new RenewalException(ProblemCode.NOT_AVAILABLE_IN_THIS_SETUP, "retire");
        }
        try {
            port.initialise(serial, soPin.get(), "retired", null);
        } catch (TokenException e) {
            throw map(e, "retire");
        }
    }

    @Override
    public synchronized PresentedToken read(String registeredSerial) {
        try {
            // The registered token where it was last seen: opened, read and closed in one hand-over to the token's
            // thread (no visit session on it); else every reader re-read to choose one.
            if (registeredSerial != null && (visit == null || !visit.serial().equals(registeredSerial))) {
                try {
                    PresentedToken read = port.inSession(registeredSerial, s -> presented(s.infoAtOpen(), s));
                    endVisit(); // a visit on another token ends when this one is read, as before
                    return read;
                } catch (TokenException e) {
                    if (e.problem() != bank.ushield.token.TokenProblem.TOKEN_NOT_FOUND) {
                        throw e;
                    }
                }
            }
            java.util.Optional<TokenInfo> registered = registeredSerial == null ? java.util.Optional.empty()
                    : port.present(registeredSerial);
            TokenInfo info;
            if (registered.isPresent()) {
                info = registered.get();
            } else {
                List<TokenInfo> present = port.presentTokens(registeredSerial);
                if (present.isEmpty()) {
                    throw new RenewalException(ProblemCode.TOKEN_ABSENT);
                }
                info = choose(present, registeredSerial);
            }
            TokenSession kept = visitOn(info.serial());
            if (kept != null) {
                return presented(info, kept);
            }
            try (TokenSession session = port.open(info.serial())) {
                return presented(info, session);
            }
        } catch (TokenException e) {
            throw map(e, "read");
        }
    }

    /** The certificates and what the token can make, read in one hand-over to the token's thread. */
    private static PresentedToken presented(TokenInfo info, TokenSession session) {
        return session.batch("Read the token", () -> {
            List<PresentedToken.TokenCertificate> certs = new ArrayList<>();
            for (TokenObject o : session.objectsOf(ObjectKind.CERTIFICATE)) {
                X509Certificate c = o.certificate();
                certs.add(new PresentedToken.TokenCertificate(o.id() == null ? null : o.id().hex(),
                        c.getSerialNumber(), c.getSubjectX500Principal().getName(),
                        c.getIssuerX500Principal().getName(), c.getNotBefore().toInstant(),
                        c.getNotAfter().toInstant(), o.certificateDer()));
            }
            return new PresentedToken(info.serial(), info.label(), info.model(), info.manufacturer(),
                    info.pinStatus().locked(), info.pinStatus().state() != bank.ushield.token.pin.PinStatus.State.OK,
                    certs, session.algorithms().stream().map(KeyPolicy::kind).collect(java.util.stream.Collectors.toSet()));
        });
    }

    /** The registered token if present; else the one with the preferred label; else the first. */
    TokenInfo choose(List<TokenInfo> present, String registeredSerial) {
        return present.stream().filter(t -> t.serial().equals(registeredSerial)).findFirst()
                .or(() -> present.stream().filter(t -> !preferredLabel.isEmpty() && t.label().equals(preferredLabel))
                        .findFirst())
                .orElse(present.get(0));
    }

    @Override
    public GeneratedRequest generateKeyAndRequest(String expectedSerial, String keyId, String subjectDn,
                                                  PinPrompter pin) {
        return generateKeyAndRequest(expectedSerial, keyId, subjectDn, null, pin);
    }

    @Override
    public synchronized GeneratedRequest generateKeyAndRequest(String expectedSerial, String keyId, String subjectDn,
                                                               KeyKind kind, PinPrompter pin) {
        KeyAlgorithm chosen = kind == null || KeyPolicy.algorithm(kind) == null ? algorithm : KeyPolicy.algorithm(kind);
        try {
            KeyId id = KeyId.ofHex(keyId);
            // One hand-over to the token's thread for the key, the subject and the signed request.
            PKCS10CertificationRequest csr = onVisit(expectedSerial, pin, "Generate the key and request", session -> {
                steps.generateKey(session, new KeyPlan(id, label(id), chosen));
                // The old certificate's own DER subject, so head office can copy the request's name unchanged.
                X500Name subject = DistinguishedNames.subjectAsIn(session.certificates(), subjectDn);
                return steps.createCsr(session, id, subject);
            });
            return new GeneratedRequest(keyId, csr.getEncoded(), sha256(csr.getSubjectPublicKeyInfo().getEncoded("DER")));
        } catch (TokenException e) {
            endVisit();
            throw map(e, "generateKey");
        } catch (java.io.IOException e) {
            endVisit();
            throw new RenewalException(Problem.of(ProblemCode.TOKEN_FAULT, "generateKey"), e);
        }
    }

    @Override
    public synchronized void install(String expectedSerial, String newKeyId, byte[] certificateDer, String oldKeyIds,
                                     PinPrompter pin) {
        try {
            KeyId id = KeyId.ofHex(newKeyId);
            X509Certificate certificate = parse(certificateDer);
            // One hand-over: the login check, the install and the removal of the old pair.
            onVisit(expectedSerial, pin, "Install the certificate", session ->
                    steps.installAndRemoveSuperseded(session, id, label(id), certificate, keyIds(oldKeyIds)));
        } catch (TokenException e) {
            endVisit();
            throw map(e, "install");
        }
    }

    @Override
    public synchronized SelfTestReport selfTest(String expectedSerial, String newKeyId, byte[] certificateDer,
                                                String oldKeyIds, PinPrompter pin) {
        try {
            // One hand-over: the login check, the self-test and, as the visit's last token step, the logout.
            bank.ushield.token.SelfTestReport r = onVisit(expectedSerial, pin, "Self-test", session -> {
                try {
                    return steps.selfTest(session, KeyId.ofHex(newKeyId), keyIds(oldKeyIds));
                } finally {
                    session.close(); // on the token's thread; endVisit() below then has nothing left to do there
                }
            });
            boolean sameCert = r.certificateSerialHex() != null
                    && r.certificateSerialHex().equalsIgnoreCase(parse(certificateDer).getSerialNumber().toString(16));
            String failure = !r.certificatePresent() ? "certificateMissing" : !sameCert ? "otherCertificate"
                    : !r.signatureVerified() ? "signature" : !r.oldObjectsGone() ? "oldKeyPresent" : null;
            return new SelfTestReport(true, r.signatureVerified() && sameCert, r.oldObjectsGone(), failure);
        } catch (TokenException e) {
            throw map(e, "selfTest");
        } finally {
            endVisit(); // the last token step of a visit
        }
    }

    /** Logs out and closes the visit's session, if any: the customer has left or the token steps are over. */
    @Override
    public synchronized void endVisit() {
        TokenSession s = visit;
        visit = null;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.debug("Closing the visit's token session of {}: {}", s.serial(), e.toString());
            }
        }
    }

    /** Ends the visit if its session is on this token (another token's visit goes on). */
    private void endVisitOn(String serial) {
        if (visit != null && visit.serial().equals(serial)) {
            endVisit();
        }
    }

    /** The visit's session on this token while still logged in; a stale or other token's one is closed first. */
    private TokenSession visitOn(String serial) {
        if (visit != null && (!visit.serial().equals(serial) || !visit.loginStillValid())) {
            endVisit();
        }
        return visit;
    }

    /** Marks a batch that found the visit's login gone (distinct from any result a step returns). */
    private static final Object LOGIN_GONE = new Object();

    /**
     * Runs {@code work} on the visit's session, its login check in the same hand-over to the token's thread; when the
     * login is gone (token pulled, swapped) the visit ends and a new session asks for the PIN, then runs it. The
     * work must not call this desk's synchronized methods (it runs on the token's thread while the caller waits).
     */
    @SuppressWarnings("unchecked")
    private <T> T onVisit(String serial, PinPrompter pin, String operation,
                          java.util.function.Function<TokenSession, T> work) {
        if (visit != null && !visit.serial().equals(serial)) {
            endVisit();
        }
        TokenSession kept = visit;
        if (kept != null) {
            Object r = kept.batch(operation, () -> kept.loginStillValid() ? work.apply(kept) : LOGIN_GONE);
            if (r != LOGIN_GONE) {
                return (T) r;
            }
            endVisit();
        }
        TokenSession session = loggedIn(serial, pin);
        return session.batch(operation, () -> work.apply(session));
    }

    /** The visit's session if still good, else a new one logged in with the customer's PIN (kept for the visit). */
    private TokenSession loggedIn(String serial, PinPrompter pin) {
        TokenSession kept = visitOn(serial);
        if (kept != null) {
            return kept;
        }
        TokenSession session = port.open(serial);
        try {
            // The PIN status read when the session was just opened serves the first prompt (no second read).
            session.login(pin, session.infoAtOpen());
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        visit = session;
        return session;
    }

    private static String label(KeyId id) {
        return "ushield-" + id.hex().substring(0, 8);
    }

    static Set<KeyId> keyIds(String joined) {
        Set<KeyId> ids = new LinkedHashSet<>();
        if (joined != null) {
            for (String s : joined.split(",")) {
                if (!s.isBlank()) {
                    ids.add(KeyId.ofHex(s.strip()));
                }
            }
        }
        return ids;
    }

    static X509Certificate parse(byte[] der) {
        try {
            return KeyEncoding.certificate(der); // SM2 certificates too
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalArgumentException("not an X.509 certificate", e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Token problems in the teller's terms. */
    static RenewalException map(TokenException e, String step) {
        ProblemCode code = switch (e.problem()) {
            case WRONG_PIN -> ProblemCode.WRONG_PIN;
            case PIN_LOCKED -> ProblemCode.PIN_LOCKED;
            case PIN_CANCELLED -> ProblemCode.PIN_ENTRY_CANCELLED;
            case TOKEN_NOT_FOUND -> ProblemCode.TOKEN_ABSENT;
            case TOKEN_REMOVED -> ProblemCode.TOKEN_REMOVED;
            case TOKEN_SWAPPED -> ProblemCode.TOKEN_SWAPPED;
            default -> ProblemCode.TOKEN_FAULT;
        };
        Object arg = switch (code) {
            case WRONG_PIN -> e.pinStatus().flatMap(s -> s.triesLeft().isPresent()
                    ? java.util.Optional.of(s.triesLeft().getAsInt()) : java.util.Optional.empty()).map(String::valueOf)
                    .orElse("?");
            case TOKEN_SWAPPED -> "";
            default -> step;
        };
        return new RenewalException(Problem.of(code, arg), e);
    }
}
