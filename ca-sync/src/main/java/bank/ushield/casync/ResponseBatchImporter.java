package bank.ushield.casync;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.audit.AnchorAcknowledgement;
import bank.ushield.audit.AnchorCheck;
import bank.ushield.casync.ImportResult.AlreadyImported;
import bank.ushield.casync.ImportResult.Deferred;
import bank.ushield.casync.ImportResult.Imported;
import bank.ushield.casync.ImportResult.Quarantined;
import bank.ushield.casync.format.BatchFormat;
import bank.ushield.casync.format.BatchRejectedException;
import bank.ushield.casync.format.Pki;
import bank.ushield.casync.format.RejectionCode;
import bank.ushield.casync.format.ResponseBatch;
import bank.ushield.casync.format.ResponseBatch.IssuedCertificate;
import bank.ushield.casync.format.ResponseBatch.Rejection;
import bank.ushield.casync.format.ResponseBatch.TokenUpdate;
import bank.ushield.casync.format.SignedBatchReader;
import bank.ushield.casync.format.SignedBatchReader.VerifiedBatch;
import bank.ushield.casync.store.BatchStore;
import bank.ushield.casync.store.ResponseStore;
import bank.ushield.casync.store.ResponseStore.PendingCase;
import bank.ushield.db.WorkPhaseEvent;

/**
 * Imports head-office response batches. Order of work: size and structure, CMS signature against the pinned
 * head-office certificate, payload, then in ONE transaction: recipient and sequence (no replay, no gap), every item
 * matched to a pending request of this workstation by the public key of its CSR and every certificate checked
 * against the CA chain, and only then the writes and the listener calls. Any failed check rolls back and moves the
 * file to quarantine with a reason file; the same file imported twice changes nothing.
 */
public final class ResponseBatchImporter {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseBatchImporter.class);
    /** Audit event types. */
    public static final String EVENT_IMPORTED = "CA_RESPONSE_BATCH_IMPORTED";
    public static final String EVENT_DUPLICATE = "CA_RESPONSE_BATCH_DUPLICATE";
    public static final String EVENT_QUARANTINED = "CA_RESPONSE_BATCH_QUARANTINED";
    public static final String EVENT_FAILED = "CA_RESPONSE_BATCH_IMPORT_FAILED";
    public static final String EVENT_ANCHOR_ACKNOWLEDGED = "AUDIT_ANCHOR_ACKNOWLEDGED";
    public static final String EVENT_ANCHOR_REFUSED = "AUDIT_ANCHOR_REFUSED";
    /** The rejection code of a request in a batch head office refused for its audit anchor (docs/batch-format.md). */
    public static final String ANCHOR_REFUSED = "ANCHOR_REFUSED";
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("RSP-(.+)-(\\d{8})\\.p7m");

    private final Jdbi jdbi;
    private final String workstationId;
    private final SyncFolders folders;
    private final SignedBatchReader reader;
    private final ResponseListener listener;
    private final SyncAuditTrail audit;
    private final Clock clock;
    private final Consumer<ImportStep> probe;
    private final CustomerExtractImporter customerExtracts;
    private final RevocationQueue revocations;

    public ResponseBatchImporter(Jdbi jdbi, String workstationId, SyncFolders folders,
                                 X509CertificateHolder pinnedHeadOffice, ResponseListener listener,
                                 SyncAuditTrail audit, Clock clock) {
        this(jdbi, workstationId, folders, List.of(pinnedHeadOffice), listener, audit, clock);
    }

    /**
     * With several pinned head-office certificates (key rollover, ADR 0071): a batch signed by any of them inside
     * that certificate's validity period is accepted; one signed outside it is refused as EXPIRED_SIGNER.
     */
    public ResponseBatchImporter(Jdbi jdbi, String workstationId, SyncFolders folders,
                                 List<X509CertificateHolder> pinnedHeadOffice, ResponseListener listener,
                                 SyncAuditTrail audit, Clock clock) {
        this(jdbi, workstationId, folders, pinnedHeadOffice, listener, audit, clock,
                SignedBatchReader.DEFAULT_MAX_BYTES, step -> { });
    }

    /** Full form: a size limit, and a probe called after each apply step (tests inject faults there). */
    public ResponseBatchImporter(Jdbi jdbi, String workstationId, SyncFolders folders,
                                 X509CertificateHolder pinnedHeadOffice, ResponseListener listener,
                                 SyncAuditTrail audit, Clock clock, long maxBytes, Consumer<ImportStep> probe) {
        this(jdbi, workstationId, folders, List.of(pinnedHeadOffice), listener, audit, clock, maxBytes, probe);
    }

    /** Full form with several pinned head-office certificates. */
    public ResponseBatchImporter(Jdbi jdbi, String workstationId, SyncFolders folders,
                                 List<X509CertificateHolder> pinnedHeadOffice, ResponseListener listener,
                                 SyncAuditTrail audit, Clock clock, long maxBytes, Consumer<ImportStep> probe) {
        this.jdbi = jdbi;
        this.workstationId = workstationId;
        this.folders = folders;
        this.reader = new SignedBatchReader(pinnedHeadOffice, maxBytes);
        this.listener = listener;
        this.audit = audit;
        this.clock = clock;
        this.probe = probe;
        this.customerExtracts = null;
        this.revocations = RevocationQueue.none();
    }

    private ResponseBatchImporter(ResponseBatchImporter base, CustomerExtractImporter customerExtracts,
                                  RevocationQueue revocations) {
        this.jdbi = base.jdbi;
        this.workstationId = base.workstationId;
        this.folders = base.folders;
        this.reader = base.reader;
        this.listener = base.listener;
        this.audit = base.audit;
        this.clock = base.clock;
        this.probe = base.probe;
        this.customerExtracts = customerExtracts;
        this.revocations = revocations;
    }

    /**
     * This importer, also importing the customer extracts ({@code CUS-*.p7m}) that head office drops into the same
     * inbox; without it they are left in the inbox untouched (never taken for bad response batches).
     */
    public ResponseBatchImporter withCustomerExtracts(CustomerExtractImporter extracts) {
        return new ResponseBatchImporter(this, extracts, revocations);
    }

    /**
     * This importer, giving back to {@code queue} the revocations of a request batch head office refused unread for
     * its audit anchor, so that they go out again with the next batch (the exporter's queue).
     */
    public ResponseBatchImporter withRevocations(RevocationQueue queue) {
        return new ResponseBatchImporter(this, customerExtracts, queue);
    }

    /** The file name head office gives response batch {@code sequence} for a workstation. */
    public static String fileName(String workstationId, long sequence) {
        return String.format("RSP-%s-%08d.p7m", workstationId, sequence);
    }

    /**
     * Imports every file of the inbox in name order (names carry the zero-padded sequence): customer extracts
     * ({@code CUS-}, first by name) through the customer extract importer, the others as response batches. One file
     * never stops the others: a refused file is quarantined; a file that could not be applied now (database or disk
     * trouble) stays in the inbox as {@link Deferred}, and the response batches after it wait for the next sync (they
     * would otherwise be refused as a gap); hidden names (leading '.') are files still being copied in.
     */
    public List<ImportResult> importInbox() {
        folders.create();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folders.inbox(),
                p -> !p.getFileName().toString().startsWith(".")
                        && (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p)))) {
            dir.forEach(files::add);
        } catch (IOException e) {
            throw new CaSyncException(CaSyncException.Code.FILE_IO, "Cannot read the inbox " + folders.inbox(), e);
        }
        files.sort(null);
        List<ImportResult> results = new ArrayList<>();
        List<Path> responses = new ArrayList<>();
        for (Path f : files) {
            boolean extract = CustomerExtractImporter.isExtract(f);
            if (extract && customerExtracts == null) {
                LOG.warn("{} is a customer extract; this workstation imports none, so it stays in the inbox",
                        InboxFiles.printable(f.getFileName().toString()));
            } else if (extract) {
                results.add(importOne(f, true));
            } else {
                responses.add(f);
            }
        }
        // Sequence order whatever the names or arrival order: a batch that waits for an earlier one (a gap) is
        // tried again after each pass that imported something.
        boolean[] responsesWait = {false};
        List<ImportResult> waiting = new ArrayList<>();
        boolean progress = true;
        while (progress && !responses.isEmpty()) {
            progress = false;
            waiting.clear();
            List<Path> again = new ArrayList<>();
            for (Path f : responses) {
                if (responsesWait[0]) {
                    results.add(new Deferred(f, "waits for the response batch before it"));
                    continue;
                }
                ImportResult r = importOne(f, false);
                if (r instanceof Deferred d && d.gap()) {
                    waiting.add(r);
                    again.add(f);
                } else if (r instanceof Deferred) {
                    responsesWait[0] = true;
                    results.add(r);
                } else {
                    results.add(r);
                    progress = true;
                }
            }
            responses = again;
        }
        results.addAll(waiting);
        return results;
    }

    /** One inbox file; a file that cannot be applied now (database or disk trouble) is Deferred, not lost. */
    private ImportResult importOne(Path f, boolean extract) {
        try {
            if (Files.isSymbolicLink(f)) {
                return quarantine(f, new BatchRejectedException(RejectionCode.NOT_CMS, "The inbox entry is "
                        + "a symbolic link, not a file: it was not followed"), null, 0);
            }
            return extract ? customerExtracts.importInboxFile(f) : importFile(f);
        } catch (CaSyncException e) {
            // Logged and audited where it happened; the file stays for the next sync.
            return new Deferred(f, e.getMessage());
        }
    }

    /** Imports one response batch file. */
    public ImportResult importFile(Path file) {
        long size = InboxFiles.sizeOf(file);
        VerifiedBatch verified = null;
        try {
            verified = reader.read(file);
            ResponseBatch batch = BatchFormat.decodeResponse(verified.payload());
            checkName(file, batch);
            DecodedBatch decoded = decode(batch);
            VerifiedBatch v = verified;
            ImportResult result = jdbi.inTransaction(h -> apply(h, file, v, decoded));
            return archive(file, result);
        } catch (BatchRejectedException e) {
            if (e.code() == RejectionCode.GAP) {
                LOG.info("{} waits in the inbox: {}", file.getFileName(), e.getMessage());
                return Deferred.gap(file, e.getMessage(), expectedSequence());
            }
            return quarantine(file, e, verified == null ? fileSha256(file) : verified.fileSha256(), size);
        } catch (IOException e) {
            LOG.warn("Cannot read {}", InboxFiles.printable(file.getFileName().toString()), e);
            return quarantine(file, InboxFiles.unreadable(e), null, size);
        } catch (RuntimeException e) {
            recordFailure(file, e);
            throw new CaSyncException(CaSyncException.Code.IMPORT_FAILED, "Importing " + file.getFileName()
                    + " failed; nothing was applied and the file stays in the inbox to be retried", e);
        }
    }

    private long expectedSequence() {
        return jdbi.withHandle(h -> BatchStore.lastResponseSequence(h, workstationId)) + 1;
    }

    private ImportResult apply(Handle h, Path file, VerifiedBatch verified, DecodedBatch d)
            throws BatchRejectedException {
        ResponseBatch batch = d.batch();
        if (!workstationId.equals(batch.workstation())) {
            throw new BatchRejectedException(RejectionCode.WRONG_RECIPIENT, "The batch is addressed to workstation "
                    + batch.workstation() + ", not to this workstation " + workstationId);
        }
        long seq = batch.sequence();
        Optional<String> sameSeq = BatchStore.responseBatchSha256(h, workstationId, seq);
        if (sameSeq.isPresent()) {
            if (sameSeq.get().equals(verified.fileSha256())) {
                audit.record(h, EVENT_DUPLICATE, "SUCCESS", null, Map.of("file", file.getFileName().toString(),
                        "sequence", seq, "sha256", verified.fileSha256()));
                return new AlreadyImported(seq, null);
            }
            throw new BatchRejectedException(RejectionCode.REPLAY, "Response sequence " + seq
                    + " was already imported from a different file; this batch is a replay or a forgery");
        }
        long last = BatchStore.lastResponseSequence(h, workstationId);
        if (seq <= last) {
            throw new BatchRejectedException(RejectionCode.REPLAY, "Response sequence " + seq
                    + " is older than the last imported one (" + last + ")");
        }
        if (seq != last + 1) {
            String missing = seq - 1 > last + 1 ? "batches " + (last + 1) + " to " + (seq - 1) + " are" : "batch " + (last + 1) + " is";
            throw new BatchRejectedException(RejectionCode.GAP, "Expected response sequence " + (last + 1)
                    + " but this batch has " + seq + ": " + missing + " missing; this file stays in the inbox "
                    + "until it arrives");
        }
        checkInReplyTo(h, batch);
        AnchorAcknowledgement ack = checkAcknowledgement(h, batch, verified);
        Map<String, X509CertificateHolder> cas = knownCas(h, d.caChain());
        List<Match<X509CertificateHolder>> issued = matchIssued(h, d, cas);
        List<Match<Rejection>> rejected = matchRejected(h, batch, batch.rejected(), issued);
        List<CrlItem> crls = checkCrls(d.crls(), cas);

        // Every check passed: from here on, only writes.
        String now = clock.instant().toString();
        long batchId = BatchStore.insertResponseBatch(h, workstationId, seq, file.getFileName().toString(),
                verified.fileSha256(), issued.size() + rejected.size() + batch.tokenUpdates().size(),
                issued.size() + " issued, " + rejected.size() + " rejected, " + batch.tokenUpdates().size()
                        + " token updates", now);
        probe.accept(ImportStep.BATCH_RECORDED);

        ResponseStore.insertCaCertificates(h, d.caChain(), batchId, now);
        probe.accept(ImportStep.CA_CHAIN_STORED);

        for (CrlItem crl : crls) {
            ResponseStore.insertCrl(h, crl.crl(), crl.der(), crl.number(), batchId, now);
        }
        probe.accept(ImportStep.CRLS_STORED);

        ResponseStore.insertIssued(h, issued.stream().map(m -> new ResponseStore.Issued(m.caseId(), m.item())).toList(),
                batchId, now);
        for (Match<X509CertificateHolder> m : issued) {
            listener.certificateIssued(h, m.caseId(), m.item());
        }
        probe.accept(ImportStep.CERTIFICATES_RECORDED);

        // A batch refused for its audit anchor was not looked at: its requests and revocations go out again with the
        // next batch instead of closing the cases (head office will take them once the anchor problem is resolved).
        List<String> resent = new ArrayList<>();
        int resentRevocations = 0;
        if (batch.auditAnchorRefusal() != null) {
            long refusedBatch = BatchStore.requestBatchId(h, workstationId, batch.auditAnchorRefusal().requestSequence())
                    .orElseThrow();
            for (java.util.Iterator<Match<Rejection>> it = rejected.iterator(); it.hasNext(); ) {
                Match<Rejection> m = it.next();
                if (ANCHOR_REFUSED.equals(m.item().code()) && BatchStore.requeueCase(h, m.caseId(), refusedBatch)) {
                    resent.add(m.item().requestId());
                    it.remove();
                }
            }
            resentRevocations = revocations.resend(h, refusedBatch);
        }
        for (Match<Rejection> m : rejected) {
            String code = m.item().code() == null ? "REJECTED" : m.item().code();
            String reason = m.item().reason() == null || m.item().reason().isBlank() ? "no reason given" : m.item().reason();
            ResponseStore.insertRejected(h, m.caseId(), batchId, code, reason, now);
            listener.requestRejected(h, m.caseId(), code, reason);
        }
        probe.accept(ImportStep.REJECTIONS_RECORDED);

        for (TokenUpdate u : batch.tokenUpdates()) {
            ResponseStore.insertTokenUpdate(h, batchId, u.tokenSerial(), u.status(), u.reportedAt(), u.note(), now);
            if (TokenUpdate.LOST.equals(u.status())) {
                listener.tokenReportedLost(h, u.tokenSerial(), u.reportedAt());
            }
        }
        probe.accept(ImportStep.TOKEN_UPDATES_RECORDED);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", file.getFileName().toString());
        details.put("sequence", seq);
        details.put("sha256", verified.fileSha256());
        details.put("signer", verified.signer().getSubject().toString());
        details.put("issued", issued.size());
        details.put("rejected", rejected.size());
        details.put("caCertificates", d.caChain().size());
        details.put("crls", crls.size());
        details.put("tokenUpdates", batch.tokenUpdates().size());
        audit.record(h, EVENT_IMPORTED, "SUCCESS", null, details);
        String anchorRefusal = recordAnchorAnswer(h, batch, ack, seq, resent, resentRevocations);
        probe.accept(ImportStep.AUDITED);
        return new Imported(seq, batchId, issued.size(), rejected.size(), batch.tokenUpdates().size(), null,
                anchorRefusal, crls.size(), ack != null);
    }

    /** Parses the binary items before the transaction; a bad encoding quarantines the batch. */
    private static DecodedBatch decode(ResponseBatch batch) throws BatchRejectedException {
        List<X509CertificateHolder> chain = new ArrayList<>();
        for (int i = 0; i < batch.caChain().size(); i++) {
            chain.add(certificate(batch.caChain().get(i), "CA certificate #" + (i + 1)));
        }
        List<IssuedItem> issued = new ArrayList<>();
        for (int i = 0; i < batch.issued().size(); i++) {
            IssuedCertificate ic = batch.issued().get(i);
            X509CertificateHolder c = certificate(ic.certificate(), "issued certificate #" + (i + 1));
            issued.add(new IssuedItem(ic.requestId(), c, Pki.keySha256(c.getSubjectPublicKeyInfo())));
        }
        List<CrlItem> crls = new ArrayList<>();
        for (int i = 0; i < batch.crls().size(); i++) {
            byte[] der = batch.crls().get(i);
            try {
                X509CRLHolder crl = new X509CRLHolder(der);
                Extension number = crl.getExtension(Extension.cRLNumber);
                String n = number == null ? null
                        : ASN1Integer.getInstance(number.getParsedValue()).getValue().toString();
                crls.add(new CrlItem(crl, der, n));
            } catch (IOException | RuntimeException e) {
                throw new BatchRejectedException(RejectionCode.MALFORMED, "CRL #" + (i + 1) + " is not a valid X.509 CRL");
            }
        }
        for (TokenUpdate u : batch.tokenUpdates()) {
            if (u.tokenSerial() == null || u.tokenSerial().isBlank() || u.status() == null) {
                throw new BatchRejectedException(RejectionCode.MALFORMED, "A token update has no serial or status");
            }
        }
        return new DecodedBatch(batch, chain, issued, crls);
    }

    private static X509CertificateHolder certificate(byte[] der, String what) throws BatchRejectedException {
        if (der == null) {
            throw new BatchRejectedException(RejectionCode.MALFORMED, "The " + what + " is missing");
        }
        try {
            return new X509CertificateHolder(der);
        } catch (IOException | RuntimeException e) {
            throw new BatchRejectedException(RejectionCode.MALFORMED, "The " + what + " is not a valid X.509 certificate");
        }
    }

    private static Map<String, X509CertificateHolder> knownCas(Handle h, List<X509CertificateHolder> chain) {
        Map<String, X509CertificateHolder> bySubject = new HashMap<>();
        ResponseStore.caCertificates(h).forEach(der -> {
            try {
                X509CertificateHolder c = new X509CertificateHolder(der);
                bySubject.put(c.getSubject().toString(), c);
            } catch (IOException e) {
                LOG.warn("A stored CA certificate cannot be read; ignored");
            }
        });
        chain.forEach(c -> bySubject.put(c.getSubject().toString(), c));
        return bySubject;
    }

    private List<Match<X509CertificateHolder>> matchIssued(Handle h, DecodedBatch d, Map<String, X509CertificateHolder> cas)
            throws BatchRejectedException {
        List<Match<X509CertificateHolder>> matches = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        ResponseStore.PendingCases query = ResponseStore.pendingCases(h, workstationId);
        // Signature checks are pure CPU and dominate a large import: spread them over the cores.
        Optional<IssuedItem> unsigned = d.issued().parallelStream()
                .filter(item -> {
                    X509CertificateHolder issuer = cas.get(item.certificate().getIssuer().toString());
                    return issuer == null || !signedBy(item.certificate(), issuer);
                })
                .findFirst();
        if (unsigned.isPresent()) {
            X509CertificateHolder c = unsigned.get().certificate();
            throw new BatchRejectedException(RejectionCode.BAD_CERTIFICATE, "The certificate serial "
                    + c.getSerialNumber().toString(16) + " (" + c.getSubject() + ") is not signed by a CA certificate "
                    + "of the batch's chain (issuer " + c.getIssuer() + ")");
        }
        for (IssuedItem item : d.issued()) {
            X509CertificateHolder c = item.certificate();
            String who = "certificate serial " + c.getSerialNumber().toString(16) + " (" + c.getSubject() + ")";
            PendingCase pc = pending(query, item.keySha256(), who);
            if (item.requestId() != null && !item.requestId().equals(pc.caseNo())) {
                throw new BatchRejectedException(RejectionCode.REQUEST_ID_MISMATCH, "The " + who + " is labelled for request "
                        + item.requestId() + " but its public key is the one of request " + pc.caseNo());
            }
            answersListedBatch(h, d.batch(), pc, who);
            if (!seen.add(pc.id())) {
                throw new BatchRejectedException(RejectionCode.MALFORMED, "Request " + pc.caseNo()
                        + " is answered twice in this batch");
            }
            matches.add(new Match<>(pc.id(), c));
        }
        return matches;
    }

    private List<Match<Rejection>> matchRejected(Handle h, ResponseBatch batch, List<Rejection> rejections,
                                                 List<Match<X509CertificateHolder>> issued) throws BatchRejectedException {
        Set<Long> seen = new HashSet<>();
        issued.forEach(m -> seen.add(m.caseId()));
        ResponseStore.PendingCases query = ResponseStore.pendingCases(h, workstationId);
        List<Match<Rejection>> matches = new ArrayList<>();
        for (Rejection r : rejections) {
            if (r.csrKeySha256() == null) {
                throw new BatchRejectedException(RejectionCode.MALFORMED, "A rejection (request " + r.requestId()
                        + ") does not name the request's key (csrKeySha256)");
            }
            String who = "rejection of request " + r.requestId();
            PendingCase pc = pending(query, r.csrKeySha256().toLowerCase(java.util.Locale.ROOT), who);
            if (r.requestId() != null && !r.requestId().equals(pc.caseNo())) {
                throw new BatchRejectedException(RejectionCode.REQUEST_ID_MISMATCH, "The " + who
                        + " names the key of request " + pc.caseNo());
            }
            answersListedBatch(h, batch, pc, who);
            if (!seen.add(pc.id())) {
                throw new BatchRejectedException(RejectionCode.MALFORMED, "Request " + pc.caseNo()
                        + " is answered twice in this batch");
            }
            matches.add(new Match<>(pc.id(), r));
        }
        return matches;
    }

    /**
     * The file name, when it has the RSP-workstation-sequence shape, must carry the sequence inside: a renamed file
     * would otherwise be imported under a name that tells another story.
     */
    private static void checkName(Path file, ResponseBatch batch) throws BatchRejectedException {
        java.util.regex.Matcher m = NAME.matcher(file.getFileName().toString());
        if (m.matches() && (Long.parseLong(m.group(2)) != batch.sequence() || !m.group(1).equals(batch.workstation()))) {
            throw new BatchRejectedException(RejectionCode.NAME_MISMATCH, "The file is named "
                    + file.getFileName() + " but holds response " + batch.sequence() + " for workstation "
                    + batch.workstation() + " (its name would be " + fileName(batch.workstation(), batch.sequence()) + ")");
        }
    }

    /** inReplyTo lists request batches this workstation wrote; a batch that answers anything names at least one. */
    private void checkInReplyTo(Handle h, ResponseBatch batch) throws BatchRejectedException {
        for (Long seq : batch.inReplyTo()) {
            if (seq == null || BatchStore.requestBatchId(h, workstationId, seq).isEmpty()) {
                throw new BatchRejectedException(RejectionCode.UNKNOWN_REQUEST_BATCH, "The batch says it answers "
                        + "request batch " + seq + ", which this workstation never wrote");
            }
        }
        boolean answers = !batch.issued().isEmpty() || !batch.rejected().isEmpty()
                || batch.auditAcknowledgement() != null || batch.auditAnchorRefusal() != null;
        if (answers && batch.inReplyTo().isEmpty()) {
            throw new BatchRejectedException(RejectionCode.UNKNOWN_REQUEST_BATCH,
                    "The batch answers requests but names no request batch in inReplyTo");
        }
    }

    /** An answered request must have been sent in one of the batches inReplyTo names. */
    private static void answersListedBatch(Handle h, ResponseBatch batch, PendingCase pc, String who)
            throws BatchRejectedException {
        long sentIn = BatchStore.requestBatchSequence(h, pc.requestBatchId());
        if (!batch.inReplyTo().contains(sentIn)) {
            throw new BatchRejectedException(RejectionCode.UNKNOWN_REQUEST_BATCH, "The " + who + " answers request "
                    + pc.caseNo() + ", sent in request batch " + sentIn + ", which inReplyTo " + batch.inReplyTo()
                    + " does not name");
        }
    }

    /**
     * Head office's acknowledgement of the audit log, when the batch carries one: signed by the pinned key, for
     * this workstation, answering a listed request batch, and equal to this log's tree at its size. Null when absent.
     */
    private AnchorAcknowledgement checkAcknowledgement(Handle h, ResponseBatch batch, VerifiedBatch verified)
            throws BatchRejectedException {
        ResponseBatch.AuditAcknowledgement a = batch.auditAcknowledgement();
        if (a == null) {
            return null;
        }
        AnchorAcknowledgement ack;
        try {
            ack = a.toAnchor();
        } catch (RuntimeException e) {
            throw new BatchRejectedException(RejectionCode.BAD_ACKNOWLEDGEMENT,
                    "Head office's acknowledgement of the audit log cannot be read");
        }
        if (a.note() == null || a.signature() == null || !ack.verify(Pki.publicKey(verified.signer()))) {
            throw new BatchRejectedException(RejectionCode.BAD_ACKNOWLEDGEMENT,
                    "Head office's acknowledgement of the audit log is not signed by the pinned head-office key");
        }
        if (!verified.signer().isValidOn(java.util.Date.from(ack.acknowledgedAt()))) {
            // Rollover: an acknowledgement counts only inside the period of the certificate whose key signed it.
            throw new BatchRejectedException(RejectionCode.EXPIRED_SIGNER, "Head office's acknowledgement is dated "
                    + a.acknowledgedAt() + ", outside the period of the head-office certificate "
                    + verified.signer().getSubject() + " (" + verified.signer().getNotBefore().toInstant() + " to "
                    + verified.signer().getNotAfter().toInstant() + ") whose key signed it");
        }
        if (!workstationId.equals(a.workstation())) {
            throw new BatchRejectedException(RejectionCode.BAD_ACKNOWLEDGEMENT, "The acknowledgement is for "
                    + "workstation " + a.workstation() + ", not for this workstation " + workstationId);
        }
        if (!batch.inReplyTo().contains(a.requestSequence())) {
            throw new BatchRejectedException(RejectionCode.UNKNOWN_REQUEST_BATCH, "The acknowledgement answers "
                    + "request batch " + a.requestSequence() + ", which inReplyTo " + batch.inReplyTo() + " does not name");
        }
        AnchorCheck.Result r = AnchorCheck.check(h, ack);
        if (r.kind() != AnchorCheck.Kind.OK) {
            throw new BatchRejectedException(RejectionCode.BAD_ACKNOWLEDGEMENT,
                    "Head office's acknowledgement does not match this workstation's audit log: " + r.message());
        }
        return ack;
    }

    /** Stores the acknowledgement, or records head office's refusal in words; returns the refusal's sentence. */
    private String recordAnchorAnswer(Handle h, ResponseBatch batch, AnchorAcknowledgement ack, long seq,
                                      List<String> resent, int resentRevocations) {
        if (ack != null) {
            AnchorCheck.store(h, ack, clock.instant());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("treeSize", ack.treeSize());
            details.put("rootHash", ack.rootHex());
            details.put("acknowledgedAt", batch.auditAcknowledgement().acknowledgedAt());
            details.put("requestSequence", batch.auditAcknowledgement().requestSequence());
            details.put("responseSequence", seq);
            audit.record(h, EVENT_ANCHOR_ACKNOWLEDGED, "SUCCESS", null, details);
        }
        ResponseBatch.AuditAnchorRefusal refusal = batch.auditAnchorRefusal();
        if (refusal == null) {
            return null;
        }
        String sentence = "Head office refused request batch " + refusal.requestSequence()
                + " because this workstation's audit log does not continue the one it acknowledged: " + refusal.reason()
                + "; its " + resent.size() + " request(s) and " + resentRevocations
                + " revocation(s) go out again with the next batch";
        LOG.error("{} ({})", sentence, refusal.code());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("requestSequence", refusal.requestSequence());
        details.put("code", refusal.code());
        details.put("reason", refusal.reason());
        details.put("acknowledgedTreeSize", refusal.acknowledgedTreeSize());
        details.put("responseSequence", seq);
        details.put("requestsToResend", resent);
        details.put("revocationsToResend", resentRevocations);
        audit.record(h, EVENT_ANCHOR_REFUSED, "REJECTED", null, details);
        return sentence;
    }

    /** The SHA-256 of a refused file, for the reason file and the audit entry; null when it cannot be read. */
    private static String fileSha256(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            return null;
        }
    }

    private static PendingCase pending(ResponseStore.PendingCases query, String keySha256, String who)
            throws BatchRejectedException {
        Optional<PendingCase> found = query.byKey(keySha256);
        if (found.isEmpty() || found.get().requestBatchId() == null) {
            throw new BatchRejectedException(RejectionCode.UNKNOWN_KEY, "The " + who + " has public key SHA-256 "
                    + keySha256 + ", which matches no request this workstation sent");
        }
        if (found.get().answeredInBatch() != null) {
            throw new BatchRejectedException(RejectionCode.ALREADY_ANSWERED, "Request " + found.get().caseNo()
                    + " was already answered by an earlier response batch");
        }
        return found.get();
    }

    private static List<CrlItem> checkCrls(List<CrlItem> crls, Map<String, X509CertificateHolder> cas)
            throws BatchRejectedException {
        for (CrlItem crl : crls) {
            X509CertificateHolder issuer = cas.get(crl.crl().getIssuer().toString());
            boolean ok;
            try (WorkPhaseEvent phase = WorkPhaseEvent.start(WorkPhaseEvent.PKIX)) {
                ok = issuer != null && crl.crl().isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Pki.BC).build(issuer));
            } catch (Exception e) {
                ok = false;
            }
            if (!ok) {
                throw new BatchRejectedException(RejectionCode.BAD_CERTIFICATE, "The CRL of " + crl.crl().getIssuer()
                        + " is not signed by a CA certificate of the batch's chain");
            }
        }
        return crls;
    }

    private static boolean signedBy(X509CertificateHolder cert, X509CertificateHolder issuer) {
        try (WorkPhaseEvent phase = WorkPhaseEvent.start(WorkPhaseEvent.PKIX)) {
            return cert.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Pki.BC).build(issuer));
        } catch (Exception e) {
            return false;
        }
    }

    private ImportResult archive(Path file, ImportResult result) {
        Path target = InboxFiles.moveUnique(file, folders.processed(), file.getFileName().toString());
        if (result instanceof Imported i) {
            LOG.info("Response batch {} imported: {} issued, {} rejected, {} token updates", file.getFileName(),
                    i.issued(), i.rejected(), i.tokenUpdates());
            return new Imported(i.sequence(), i.batchId(), i.issued(), i.rejected(), i.tokenUpdates(), target,
                    i.anchorRefusal(), i.crls(), i.acknowledged());
        }
        AlreadyImported a = (AlreadyImported) result;
        LOG.info("Response batch {} was already imported; nothing changed", file.getFileName());
        return new AlreadyImported(a.sequence(), target);
    }

    private Quarantined quarantine(Path file, BatchRejectedException e, String sha256, long size) {
        return InboxFiles.quarantine(jdbi, audit, clock, folders.quarantine(), file, e, sha256, size, EVENT_QUARANTINED);
    }

    private void recordFailure(Path file, RuntimeException cause) {
        LOG.error("Import of {} failed; nothing applied, file left in the inbox", file.getFileName(), cause);
        try {
            jdbi.useTransaction(h -> audit.record(h, EVENT_FAILED, "FAILED", null, Map.of(
                    "file", file.getFileName().toString(), "error", String.valueOf(cause.getClass().getSimpleName()))));
        } catch (RuntimeException e) {
            LOG.error("The failed import could not be audited either", e);
        }
    }

    private record IssuedItem(String requestId, X509CertificateHolder certificate, String keySha256) {
    }

    private record CrlItem(X509CRLHolder crl, byte[] der, String number) {
    }

    private record DecodedBatch(ResponseBatch batch, List<X509CertificateHolder> caChain, List<IssuedItem> issued,
                                List<CrlItem> crls) {
    }

    private record Match<T>(long caseId, T item) {
    }
}
