package bank.ushield.casync.headoffice;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import bank.ushield.casync.format.BatchFormat;
import bank.ushield.casync.format.BatchRejectedException;
import bank.ushield.casync.format.CustomerExtract;
import bank.ushield.casync.format.Pki;
import bank.ushield.casync.format.RejectionCode;
import bank.ushield.casync.format.RequestBatch;
import bank.ushield.casync.format.RequestBatch.CertificateRequest;
import bank.ushield.casync.format.RequestBatch.RevocationRequest;
import bank.ushield.casync.format.ResponseBatch;
import bank.ushield.casync.format.ResponseBatch.IssuedCertificate;
import bank.ushield.casync.format.ResponseBatch.Rejection;
import bank.ushield.casync.format.ResponseBatch.TokenUpdate;
import bank.ushield.casync.format.SignedBatchReader;
import bank.ushield.casync.format.SignedBatchReader.VerifiedBatch;

/**
 * The head office as trainers and tests need it: reads a request batch, verifies it like a real head office would
 * (registered workstation certificate, sequence, each CSR's signature and key hash), issues certificates with its
 * BouncyCastle CA, rejects chosen requests, revokes superseded certificates, and writes a signed response batch.
 * Its state (keys, sequences, revocations) lives in one folder, so it survives restarts like a real one.
 */
public final class HeadOfficeSimulator {

    private static final Logger LOG = LoggerFactory.getLogger(HeadOfficeSimulator.class);
    private static final String STATE = "state.json";
    private static final String EXTRACT_SEQUENCES = "customer-extract-sequences.json";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path dir;
    private final HeadOfficeCa ca;
    private final Clock clock;
    private final State state;

    private HeadOfficeSimulator(Path dir, HeadOfficeCa ca, Clock clock, State state) {
        this.dir = dir;
        this.ca = ca;
        this.clock = clock;
        this.state = state;
    }

    /** Opens the simulator kept in the folder, creating its CA (RSA-2048, like a bank CA) on first use. */
    public static HeadOfficeSimulator open(Path dir, Clock clock) throws IOException {
        return open(dir, clock, HeadOfficeCa.KeyAlgorithm.RSA_2048);
    }

    /** Opens the simulator kept in the folder; a new CA gets a key of the given algorithm. */
    public static HeadOfficeSimulator open(Path dir, Clock clock, HeadOfficeCa.KeyAlgorithm caAlgorithm)
            throws IOException {
        HeadOfficeCa ca = HeadOfficeCa.openOrCreate(dir, "Simulated Head Office", clock.instant(), caAlgorithm);
        Path stateFile = dir.resolve(STATE);
        State state = Files.exists(stateFile) ? JSON.readValue(stateFile.toFile(), State.class) : new State();
        return new HeadOfficeSimulator(dir, ca, clock, state);
    }

    /** The CA that issues the certificates. */
    public HeadOfficeCa ca() {
        return ca;
    }

    /** The certificate branches pin to verify this head office's batches. */
    public X509CertificateHolder syncCertificate() {
        return ca.syncCertificate();
    }

    /** Registers (or replaces) the certificate a workstation signs its request batches with. */
    public synchronized void registerWorkstation(String workstationId, X509CertificateHolder certificate)
            throws IOException {
        Ws ws = state.workstations.computeIfAbsent(workstationId, k -> new Ws());
        ws.certificatePem = Pki.pem(certificate);
        ws.previousCertificatePem = null;
        ws.overlapUntil = null;
        save();
    }

    /** Why head office did not take a workstation's key hand-over (the message says it in words). */
    public static final class HandoverRefusedException extends Exception {
        HandoverRefusedException(String message) {
            super(message);
        }
    }

    /**
     * Takes a workstation's key hand-over (ADR 0080): the statement must be signed by the key pinned for the
     * workstation now and name that certificate and {@code newCertificate} by fingerprint. From then on batches
     * signed by either key are accepted until {@code overlapEnd}, after it only by the new key.
     */
    public synchronized void presentKeyHandover(String workstationId, X509CertificateHolder newCertificate,
                                                byte[] statement, byte[] signature, Instant overlapEnd)
            throws IOException, HandoverRefusedException {
        Ws ws = state.workstations.get(workstationId);
        if (ws == null) {
            throw new HandoverRefusedException("Workstation " + workstationId + " is not registered here; "
                    + "register its certificate first");
        }
        X509CertificateHolder pinned = HeadOfficeCa.readCertFromPem(ws.certificatePem);
        java.security.cert.X509Certificate pinnedX509 = Pki.x509(pinned);
        java.security.cert.X509Certificate next = Pki.x509(newCertificate);
        if (!bank.ushield.audit.WorkstationKeys.verify(pinnedX509.getPublicKey(), statement, signature)) {
            throw new HandoverRefusedException("The key hand-over of " + workstationId + " is not signed by the key "
                    + "registered for it here");
        }
        if (!java.util.Arrays.equals(statement,
                bank.ushield.audit.WorkstationKeys.handoverStatement(workstationId, pinnedX509, next))) {
            throw new HandoverRefusedException("The key hand-over of " + workstationId + " does not name the "
                    + "registered certificate and the new certificate presented with it");
        }
        ws.previousCertificatePem = ws.certificatePem;
        ws.certificatePem = Pki.pem(newCertificate);
        ws.overlapUntil = overlapEnd.toString();
        save();
        LOG.info("Simulated head office took the key hand-over of {}; the old key is accepted until {}",
                workstationId, overlapEnd);
    }

    /** The certificates a workstation's batches may be signed by now: the current one, the old one in the overlap. */
    private List<X509CertificateHolder> accepted(Ws ws) throws IOException {
        List<X509CertificateHolder> out = new ArrayList<>();
        out.add(HeadOfficeCa.readCertFromPem(ws.certificatePem));
        if (ws.previousCertificatePem != null && ws.overlapUntil != null
                && clock.instant().isBefore(Instant.parse(ws.overlapUntil))) {
            out.add(HeadOfficeCa.readCertFromPem(ws.previousCertificatePem));
        }
        return out;
    }

    /** Queues a "token reported lost" update for the workstation's next response batch. */
    public synchronized void reportTokenLost(String workstationId, String tokenSerial, String note) throws IOException {
        Ws ws = state.workstations.get(workstationId);
        if (ws == null) {
            throw new IllegalArgumentException("Unknown workstation " + workstationId);
        }
        ws.pendingTokenUpdates.add(new TokenUpdate(tokenSerial, TokenUpdate.LOST, clock.instant().toString(), note));
        save();
    }

    /** What processing one request batch produced. */
    public record Processed(String workstation, long requestSequence, long responseSequence, Path responseFile,
                            int issued, int rejected, int revoked, String anchorRefusal) {
        /** True when the request batch was refused for its audit anchor (nothing of it was acted on). */
        public boolean anchorRefused() {
            return anchorRefusal != null;
        }
    }

    /** Code of the rejection every request of a batch refused for its audit anchor gets. */
    public static final String ANCHOR_REFUSED = "ANCHOR_REFUSED";

    /** The heads of {@code workstationId}'s audit log this head office acknowledged, oldest first. */
    public synchronized List<HeadOfficeAnchors.AckedHead> acknowledgedHeads(String workstationId) {
        Ws ws = state.workstations.get(workstationId);
        return ws == null ? List.of() : List.copyOf(ws.anchors);
    }

    /**
     * Verifies the request batch file and writes the response batch into responseDir (atomic rename). A request
     * batch that fails a check is refused as a whole with the reason, and no response is written.
     */
    public synchronized Processed process(Path requestFile, Path responseDir, RejectionPolicy policy)
            throws BatchRejectedException, IOException {
        List<X509CertificateHolder> registered = new ArrayList<>();
        for (Ws ws : state.workstations.values()) {
            registered.addAll(accepted(ws));
        }
        VerifiedBatch verified = new SignedBatchReader(registered, SignedBatchReader.DEFAULT_MAX_BYTES).read(requestFile);
        RequestBatch request = BatchFormat.decodeRequest(verified.payload());
        Ws ws = state.workstations.get(request.workstation());
        if (ws == null || !accepted(ws).contains(verified.signer())) {
            throw new BatchRejectedException(RejectionCode.WRONG_SIGNER, "The batch claims workstation "
                    + request.workstation() + " but is signed by the certificate of another workstation");
        }
        if (request.sequence() <= ws.lastRequestSequence) {
            throw new BatchRejectedException(RejectionCode.REPLAY, "Request sequence " + request.sequence()
                    + " of " + request.workstation() + " was already processed");
        }
        if (request.sequence() != ws.lastRequestSequence + 1) {
            throw new BatchRejectedException(RejectionCode.GAP, "Expected request sequence "
                    + (ws.lastRequestSequence + 1) + " of " + request.workstation() + " but got " + request.sequence());
        }
        Instant now = clock.instant();
        List<IssuedCertificate> issued = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        java.util.Set<org.bouncycastle.asn1.x500.X500Name> issuers = new java.util.HashSet<>();
        HeadOfficeAnchors.Decision anchor = HeadOfficeAnchors.check(request, Pki.publicKey(verified.signer()), ws.anchors);
        if (anchor.refused()) {
            return refuse(request, ws, anchor, requestFile, responseDir, now);
        }
        for (CertificateRequest r : request.requests()) {
            String problem = csrProblem(r);
            Optional<String> reason = problem != null ? Optional.of(problem) : policy.reasonToReject(r);
            if (reason.isPresent()) {
                rejected.add(new Rejection(r.requestId(), r.csrKeySha256(), problem != null ? "BAD_CSR" : "POLICY",
                        reason.get()));
            } else {
                X509CertificateHolder cert = ca.issue(new PKCS10CertificationRequest(r.csr()), now);
                issuers.add(cert.getIssuer());
                issued.add(new IssuedCertificate(r.requestId(), cert.getEncoded()));
            }
        }
        int revoked = 0;
        for (RevocationRequest rv : request.revocations()) {
            // Revoked by the root that issued it (main or SM2); another CA's certificates are that CA's business.
            Optional<X509CertificateHolder> root = ca.root(rv.issuer());
            if (root.isPresent() && state.revoked.stream().noneMatch(x -> x.serialHex().equalsIgnoreCase(rv.serialHex())
                    && ca.root(x.issuer()).orElse(ca.caCertificate()).equals(root.get()))) {
                state.revoked.add(new HeadOfficeCa.RevokedSerial(rv.serialHex(), now.toString(),
                        HeadOfficeCa.RevokedSerial.reasonCode(rv.reason()), root.get().getSubject().toString()));
                revoked++;
            }
        }
        // A CRL per issuing root: the main root's always, the SM2 root's once it issued or revoked anything.
        for (HeadOfficeCa.RevokedSerial r : state.revoked) {
            issuers.add(ca.root(r.issuer()).orElse(ca.caCertificate()).getSubject());
        }
        state.crlNumber++;
        List<byte[]> crls = new ArrayList<>();
        for (X509CertificateHolder root : ca.caCertificates()) {
            if (root.equals(ca.caCertificate()) || issuers.contains(root.getSubject())) {
                crls.add(ca.crl(root, state.revoked, BigInteger.valueOf(state.crlNumber), now).getEncoded());
            }
        }
        long responseSeq = ws.lastResponseSequence + 1;
        ResponseBatch response = ResponseBatch.of(request.workstation(), responseSeq, now.toString(),
                List.of(request.sequence()), issued, rejected, chain(issuers), crls,
                List.copyOf(ws.pendingTokenUpdates));
        if (anchor.accepted() != null) {
            bank.ushield.audit.AnchorAcknowledgement ack = ca.acknowledge(request.workstation(), anchor.accepted(), now);
            response = response.withAnchor(new ResponseBatch.AuditAcknowledgement(ack.workstation(), ack.treeSize(),
                    ack.rootHex(), bank.ushield.audit.AuditEntry.formatTime(ack.acknowledgedAt()), request.sequence(),
                    ack.keyId(), ack.note(), ack.signature()), null);
            ws.anchors.add(new HeadOfficeAnchors.AckedHead(ack.treeSize(), ack.rootHex(),
                    request.auditCheckpoint().signedAt(), bank.ushield.audit.AuditEntry.formatTime(ack.acknowledgedAt()),
                    request.sequence()));
        }
        byte[] signed = ca.batchSigner().sign(BatchFormat.encode(response));
        String name = String.format("RSP-%s-%08d.p7m", request.workstation(), responseSeq);
        Path target = writeAtomically(responseDir, name, signed);
        ws.lastRequestSequence = request.sequence();
        ws.lastResponseSequence = responseSeq;
        ws.pendingTokenUpdates.clear();
        save();
        LOG.info("Simulated head office answered {} with {}: {} issued, {} rejected", requestFile.getFileName(), name,
                issued.size(), rejected.size());
        return new Processed(request.workstation(), request.sequence(), responseSeq, target, issued.size(),
                rejected.size(), revoked, null);
    }

    /**
     * Answers a batch refused for its audit anchor: every request rejected with the reason, no revocation acted on,
     * the refusal named in the response; the request sequence is used up so later batches are not held back.
     */
    private Processed refuse(RequestBatch request, Ws ws, HeadOfficeAnchors.Decision anchor, Path requestFile,
                             Path responseDir, Instant now) throws IOException {
        LOG.warn("Simulated head office refused {} for its audit anchor ({}): {}", requestFile.getFileName(),
                anchor.code(), anchor.reason());
        List<Rejection> rejected = request.requests().stream().map(r -> new Rejection(r.requestId(), r.csrKeySha256(),
                ANCHOR_REFUSED, "Head office could not accept this branch's records; the branch manager has been told"))
                .toList();
        HeadOfficeAnchors.AckedHead last = ws.anchors.isEmpty() ? null : ws.anchors.get(ws.anchors.size() - 1);
        long responseSeq = ws.lastResponseSequence + 1;
        ResponseBatch response = ResponseBatch.of(request.workstation(), responseSeq, now.toString(),
                List.of(request.sequence()), List.of(), rejected, chain(java.util.Set.of()), List.of(),
                List.of()).withAnchor(null, new ResponseBatch.AuditAnchorRefusal(request.sequence(), anchor.code(),
                        anchor.reason(), last == null ? 0 : last.treeSize(), last == null ? null : last.acknowledgedAt()));
        String name = String.format("RSP-%s-%08d.p7m", request.workstation(), responseSeq);
        Path target = writeAtomically(responseDir, name, ca.batchSigner().sign(BatchFormat.encode(response)));
        ws.lastRequestSequence = request.sequence();
        ws.lastResponseSequence = responseSeq;
        save();
        return new Processed(request.workstation(), request.sequence(), responseSeq, target, 0, rejected.size(), 0,
                anchor.code() + ": " + anchor.reason());
    }

    /** The root, and the SM2 root when it issued in this batch or has a CRL in it (the branch keeps what it is sent). */
    private List<byte[]> chain(java.util.Set<org.bouncycastle.asn1.x500.X500Name> issuers) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (X509CertificateHolder c : ca.caCertificates()) {
            if (c.equals(ca.caCertificate()) || issuers.contains(c.getSubject())) {
                out.add(c.getEncoded());
            }
        }
        return out;
    }

    /** A customer extract written for a branch. */
    public record WrittenExtract(String extractId, long sequence, Path file, CustomerExtract.ExtractManifest manifest) {
    }

    /**
     * Writes the branch's next customer extract (sequence 1, 2, ... per branch), signed with the sync key that
     * branches pin, into {@code outDir} (a branch inbox; atomic rename). {@code cardKeyCheck} is
     * {@link CustomerExtract#cardKeyCheck} of the card-matching key the cards were hashed with.
     */
    public synchronized WrittenExtract writeCustomerExtract(String branch, String cardKeyCheck,
                                                           List<CustomerExtract.ExtractCustomer> customers, Path outDir)
            throws IOException {
        // Kept in a file of its own, read afresh: a trainer's command line and a running workstation each hold a
        // simulator over the same folder, and the other's state.json save must not roll this sequence back.
        Path sequences = dir.resolve(EXTRACT_SEQUENCES);
        Map<String, Long> last = Files.exists(sequences)
                ? JSON.readValue(sequences.toFile(), new com.fasterxml.jackson.core.type.TypeReference<TreeMap<String, Long>>() { })
                : new TreeMap<>();
        long sequence = last.getOrDefault(branch, 0L) + 1;
        CustomerExtract extract = CustomerExtract.of(branch, sequence, clock.instant(), cardKeyCheck, customers);
        Path target = writeAtomically(outDir, CustomerExtract.fileName(branch, sequence),
                ca.batchSigner().sign(BatchFormat.encode(extract)));
        last.put(branch, sequence);
        writeAtomically(dir, EXTRACT_SEQUENCES, JSON.writeValueAsBytes(last));
        LOG.info("Simulated head office wrote customer extract {}: {}", extract.extractId(), extract.manifest());
        return new WrittenExtract(extract.extractId(), sequence, target, extract.manifest());
    }

    /** Writes under a hidden temporary name, then renames: a half-written file is never seen under its name. */
    private static Path writeAtomically(Path dir, String name, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.write(tmp, bytes);
        return Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static String csrProblem(CertificateRequest r) {
        try {
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(r.csr());
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Pki.BC).build(csr.getSubjectPublicKeyInfo()))) {
                return "The request's signature does not verify";
            }
            if (!Pki.keySha256(csr.getSubjectPublicKeyInfo()).equalsIgnoreCase(r.csrKeySha256())) {
                return "csrKeySha256 is not the hash of the request's public key";
            }
            return null;
        } catch (Exception e) {
            return "The request is not a readable PKCS#10 request";
        }
    }

    private void save() throws IOException {
        Path tmp = dir.resolve("." + STATE + ".tmp");
        JSON.writeValue(tmp.toFile(), state);
        Files.move(tmp, dir.resolve(STATE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Persistent state of the simulator (Jackson POJO). */
    static final class State {
        public long crlNumber;
        public Map<String, Ws> workstations = new TreeMap<>();
        public List<HeadOfficeCa.RevokedSerial> revoked = new ArrayList<>();
    }

    /** What the simulator knows per workstation. */
    static final class Ws {
        public String certificatePem;
        /** The key before the last hand-over, accepted until {@link #overlapUntil} (ISO instant). */
        public String previousCertificatePem;
        public String overlapUntil;
        public long lastRequestSequence;
        public long lastResponseSequence;
        public List<TokenUpdate> pendingTokenUpdates = new ArrayList<>();
        /** Every audit tree head acknowledged, oldest first (the anchor check starts from one of them). */
        public List<HeadOfficeAnchors.AckedHead> anchors = new ArrayList<>();
    }
}
