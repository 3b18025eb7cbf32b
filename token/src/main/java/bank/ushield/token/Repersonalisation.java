package bank.ushield.token;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The re-personalisation of a U-shield as separate, resumable steps over an open, logged-in {@link TokenSession}.
 * The caller (the renewal case) persists what each step returns before the next one: the case moves
 * TOKEN_VERIFIED -> KEY_GENERATED -> CSR_QUEUED -> CERT_RECEIVED -> CERT_INSTALLED, then the self-test.
 * Every step can be re-run after a crash: it finds what an earlier run already did and does not do it twice.
 * Nothing of the customer's old key pair is removed before the new certificate is on the token.
 */
public final class Repersonalisation {

    private static final Logger LOG = LoggerFactory.getLogger(Repersonalisation.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TrustedCa trustedCa;
    private final Clock clock;

    public Repersonalisation(TrustedCa trustedCa, Clock clock) {
        this.trustedCa = trustedCa;
        this.clock = clock;
    }

    /**
     * TOKEN_VERIFIED: checks that the session is on the expected token and records what is on it; the returned
     * {@link TokenSnapshot#customerKeyIds()} are the key pairs the new one will supersede.
     */
    public TokenSnapshot verifyToken(TokenSession session, String expectedSerial) {
        return session.batch("Check the token", () -> {
            requireLogin(session, "Check the token");
            TokenInfo info = session.info();
            if (!info.serial().equals(expectedSerial)) {
                throw new TokenException(TokenProblem.TOKEN_SWAPPED, "The token in the reader (" + info.serial()
                        + ") is not the customer's registered token (" + expectedSerial + ")");
            }
            return TokenSnapshot.of(info, session.objects());
        });
    }

    /** KEY_GENERATED: the new key pair with the plan's CKA_ID (found again, not remade, if it is already there). */
    public GeneratedKey generateKey(TokenSession session, KeyPlan plan) {
        return session.batch("Generate the new key pair", () -> {
            requireLogin(session, "Generate the new key pair");
            return session.generateKeyPair(plan);
        });
    }

    /** CSR_QUEUED: a PKCS#10 request for the new key, signed on the token, with the subject the profile gives. */
    public PKCS10CertificationRequest createCsr(TokenSession session, KeyId id, X500Name subject) {
        return session.batch("Create the certificate request", () -> {
            requireLogin(session, "Create the certificate request");
            PublicKey publicKey = session.publicKey(id).orElseThrow(() -> new TokenException(TokenProblem.KEY_NOT_FOUND,
                    "Create the certificate request: key " + id + " is not on the token"));
            KeyAlgorithm algorithm = KeyAlgorithm.of(publicKey);
            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(subject, publicKey)
                    .build(new TokenContentSigner(session, id, algorithm));
            try (TokenPhaseEvent phase = TokenPhaseEvent.start(TokenPhaseEvent.SIGNATURE)) {
                // A signature the public key does not verify means the token signed with another key: stop here.
                // BouncyCastle: SM3withSM2 with the default user ID, and ECDSA P-256 ten times faster than the JDK's.
                if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(KeyEncoding.BC).build(publicKey))) {
                    throw new TokenException(TokenProblem.DEVICE_ERROR, "The token's signature on the request does not verify");
                }
            } catch (OperatorCreationException | PKCSException e) {
                throw new TokenException(TokenProblem.DEVICE_ERROR, "The certificate request cannot be checked", e);
            }
            return csr;
        });
    }

    /**
     * CERT_INSTALLED (first half): writes the certificate for the new key after checking that it certifies exactly
     * the new public key and chains to the configured CA. Installing the same certificate again is a no-op.
     */
    public InstallOutcome installCertificate(TokenSession session, KeyId id, String label, X509Certificate certificate) {
        return session.batch("Install the certificate", () -> {
            requireLogin(session, "Install the certificate");
            PublicKey onToken = session.publicKey(id).orElseThrow(() -> new TokenException(TokenProblem.KEY_NOT_FOUND,
                    "Install the certificate: the new key " + id + " is not on the token"));
            if (!Arrays.equals(onToken.getEncoded(), certificate.getPublicKey().getEncoded())) {
                throw new TokenException(TokenProblem.CERTIFICATE_MISMATCH,
                        "The certificate is for a different key than the new key on this token");
            }
            trustedCa.check(certificate, clock.instant());
            List<TokenObject> present = certificatesWith(session, id);
            byte[] der = encoded(certificate);
            if (present.stream().anyMatch(o -> Arrays.equals(o.certificateDer(), der))) {
                LOG.info("Certificate for key {} already on token {}: nothing to do", id, session.serial());
                return InstallOutcome.ALREADY_INSTALLED;
            }
            if (!present.isEmpty()) {
                // A re-issue for the same new key: the old key pair is still on the token, so nothing is lost meanwhile.
                session.destroyObjects(id, ObjectKind.CERTIFICATE);
            }
            session.writeCertificate(id, label, certificate);
            return present.isEmpty() ? InstallOutcome.INSTALLED : InstallOutcome.REPLACED;
        });
    }

    /**
     * CERT_INSTALLED (second half): removes the superseded key pairs and their certificates, only once the new
     * certificate is on the token. Returns the number of objects removed (0 when a previous run already did it).
     */
    public int removeSuperseded(TokenSession session, KeyId newId, Collection<KeyId> superseded) {
        return session.batch("Remove the old key", () -> {
            requireLogin(session, "Remove the old key");
            if (certificatesWith(session, newId).isEmpty()) {
                throw new TokenException(TokenProblem.STEP_OUT_OF_ORDER,
                        "The old key stays until the new certificate is on the token");
            }
            return destroy(session, newId, superseded);
        });
    }

    /**
     * Both halves of CERT_INSTALLED in one unit of work: the install, then the removal of the superseded pairs. The
     * install's own look-up and write (or finding the certificate already there) stand for the removal's check that
     * the new certificate is on the token, so it is not searched for again. Returns the number of objects removed.
     */
    public int installAndRemoveSuperseded(TokenSession session, KeyId id, String label, X509Certificate certificate,
                                          Collection<KeyId> superseded) {
        return session.batch("Install the certificate", () -> {
            installCertificate(session, id, label, certificate); // throws unless the certificate is on the token now
            return destroy(session, id, superseded);
        });
    }

    private static int destroy(TokenSession session, KeyId newId, Collection<KeyId> superseded) {
        int removed = 0;
        for (KeyId old : superseded) {
            if (!old.equals(newId)) {
                removed += session.destroyObjects(old);
            }
        }
        return removed;
    }

    /** Self-test: the new key signs a random challenge on the token, the new certificate verifies it, old keys are gone. */
    public SelfTestReport selfTest(TokenSession session, KeyId newId, Collection<KeyId> superseded) {
        return session.batch("Self-test", () -> {
            requireLogin(session, "Self-test");
            // Looked up by CKA_ID: the new certificate alone (not its key pair), and whatever is left under each
            // superseded id.
            Optional<X509Certificate> cert = certificatesWith(session, newId).stream()
                    .map(TokenObject::certificate).findFirst();
            java.util.Set<KeyId> old = new java.util.LinkedHashSet<>(superseded);
            old.remove(newId);
            boolean oldGone = old.isEmpty() || session.objectsWith(old).isEmpty();
            boolean verified = false;
            if (cert.isPresent()) {
                byte[] challenge = new byte[32];
                RANDOM.nextBytes(challenge);
                byte[] signature = session.sign(newId, challenge);
                verified = verifies(cert.get(), challenge, signature);
            }
            SelfTestReport report = new SelfTestReport(cert.isPresent(), verified, oldGone,
                    cert.map(c -> c.getSerialNumber().toString(16)).orElse(null),
                    cert.map(c -> c.getNotAfter().toInstant()).orElse(null));
            LOG.info("Self-test of token {} key {}: {}", session.serial(), newId, report.passed() ? "passed" : report);
            return report;
        });
    }

    private static boolean verifies(X509Certificate cert, byte[] data, byte[] signature) {
        try (TokenPhaseEvent phase = TokenPhaseEvent.start(TokenPhaseEvent.SIGNATURE)) {
            PublicKey key = KeyEncoding.usable(cert.getPublicKey());
            KeyAlgorithm algorithm = KeyAlgorithm.of(key);
            // BouncyCastle for every algorithm: SM2 needs it, and its ECDSA P-256 check is ten times the JDK's speed.
            Signature v = Signature.getInstance(algorithm.jcaSignatureName(), KeyEncoding.BC);
            v.initVerify(key);
            v.update(data);
            return v.verify(signature);
        } catch (GeneralSecurityException | TokenException e) {
            return false;
        }
    }

    private static List<TokenObject> certificatesWith(TokenSession session, KeyId id) {
        return session.objects(id, ObjectKind.CERTIFICATE);
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new TokenException(TokenProblem.CERTIFICATE_MISMATCH, "The certificate cannot be encoded", e);
        }
    }

    private static void requireLogin(TokenSession session, String step) {
        if (!session.loggedIn()) {
            throw new TokenException(TokenProblem.NOT_LOGGED_IN, step + ": the token needs the PIN first");
        }
    }
}
