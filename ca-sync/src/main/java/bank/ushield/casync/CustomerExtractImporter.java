package bank.ushield.casync;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.casync.ImportResult.ExtractAlreadyImported;
import bank.ushield.casync.ImportResult.ExtractImported;
import bank.ushield.casync.format.BatchRejectedException;
import bank.ushield.casync.format.CustomerExtract;
import bank.ushield.casync.format.CustomerExtract.ExtractCard;
import bank.ushield.casync.format.CustomerExtract.ExtractCertificate;
import bank.ushield.casync.format.CustomerExtract.ExtractCustomer;
import bank.ushield.casync.format.CustomerExtract.ExtractDocument;
import bank.ushield.casync.format.CustomerExtract.ExtractToken;
import bank.ushield.casync.format.Pki;
import bank.ushield.casync.format.RejectionCode;
import bank.ushield.casync.format.SignedBatchReader;
import bank.ushield.casync.format.SignedBatchReader.VerifiedBatch;
import bank.ushield.casync.store.BatchStore;
import bank.ushield.casync.store.CustomerExtractStore;
import bank.ushield.casync.store.CustomerExtractStore.Owned;
import bank.ushield.db.Masking;
import bank.ushield.db.CardMatchingKey;

/**
 * Imports head-office customer extracts (docs/customer-extract.md): size and structure, CMS signature against the
 * pinned head-office certificate (the one response batches are verified with), payload and card-key check, then in
 * ONE transaction: this workstation's branch, the extract's sequence (same file again: nothing changes; older or
 * replayed: refused), no document, card, token or certificate of another customer, and only then the upserts and
 * one audit entry. A refused extract changes no customer data.
 */
public final class CustomerExtractImporter {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerExtractImporter.class);
    /** Audit event types. */
    public static final String EVENT_IMPORTED = "CUSTOMER_EXTRACT_IMPORTED";
    public static final String EVENT_REFUSED = "CUSTOMER_EXTRACT_REFUSED";
    public static final String EVENT_FAILED = "CUSTOMER_EXTRACT_IMPORT_FAILED";

    private final Jdbi jdbi;
    private final String workstationId;
    private final SyncFolders folders;
    private final SignedBatchReader reader;
    private final String cardKeyCheck;
    private final SyncAuditTrail audit;
    private final Clock clock;
    private final ExtractRecordRules rules;

    /**
     * @param pinnedHeadOffice the head-office sync certificate the workstation pins for response batches
     * @param cardKey          the workstation's card-matching key: the extract's card hashes must be made with it
     * @param rules            the counter's rules for document numbers (renewal's, from id-verification)
     */
    public CustomerExtractImporter(Jdbi jdbi, String workstationId, SyncFolders folders,
                                   X509CertificateHolder pinnedHeadOffice, CardMatchingKey cardKey, SyncAuditTrail audit,
                                   Clock clock, ExtractRecordRules rules) {
        this(jdbi, workstationId, folders, List.of(pinnedHeadOffice), cardKey, audit, clock, rules);
    }

    /** With several pinned head-office certificates (key rollover, ADR 0071). */
    public CustomerExtractImporter(Jdbi jdbi, String workstationId, SyncFolders folders,
                                   List<X509CertificateHolder> pinnedHeadOffice, CardMatchingKey cardKey,
                                   SyncAuditTrail audit, Clock clock, ExtractRecordRules rules) {
        this.rules = rules;
        this.jdbi = jdbi;
        this.workstationId = workstationId;
        this.folders = folders;
        this.reader = new SignedBatchReader(pinnedHeadOffice, SignedBatchReader.DEFAULT_MAX_BYTES);
        this.cardKeyCheck = CustomerExtract.cardKeyCheck(cardKey);
        this.audit = audit;
        this.clock = clock;
    }

    /** True for a file named like a customer extract ({@code CUS-...}); the inbox hands those to this importer. */
    public static boolean isExtract(Path file) {
        return file.getFileName().toString().startsWith(CustomerExtract.PREFIX);
    }

    /**
     * Imports an extract found in the inbox: applied or already imported, it moves to processed; refused, it moves
     * to quarantine next to a reason file (and the refusal is recorded and audited).
     */
    public ImportResult importInboxFile(Path file) {
        long size = InboxFiles.sizeOf(file);
        Verified v = null;
        try {
            v = verify(file);
            ImportResult result = applyVerified(file, v);
            Path archived = InboxFiles.moveUnique(file, folders.create().processed(), file.getFileName().toString());
            return withArchive(result, archived);
        } catch (BatchRejectedException e) {
            return InboxFiles.quarantine(jdbi, audit, clock, folders.create().quarantine(), file, e,
                    v == null ? null : v.batch().fileSha256(), size, EVENT_REFUSED);
        }
    }

    /**
     * Imports an extract an operator names (teller-app import-customers): the file stays where it is. A refusal is
     * audited and thrown with its code; nothing from the file is applied.
     */
    public ImportResult importFile(Path file) throws BatchRejectedException {
        long size = InboxFiles.sizeOf(file);
        Verified v = null;
        try {
            v = verify(file);
            return applyVerified(file, v);
        } catch (BatchRejectedException e) {
            LOG.warn("Customer extract {} refused ({}): {}", file.getFileName(), e.code(), e.getMessage());
            String sha = v == null ? null : v.batch().fileSha256();
            try {
                jdbi.useTransaction(h -> audit.record(h, EVENT_REFUSED, "REJECTED", null,
                        InboxFiles.refusalDetails(file.getFileName().toString(), e, sha, size)));
            } catch (RuntimeException dbError) {
                LOG.error("The refusal of {} could not be audited", file.getFileName(), dbError);
            }
            throw e;
        }
    }

    private record Verified(VerifiedBatch batch, CustomerExtract extract) {
    }

    /** Everything that needs no database: signature, payload, card key. */
    private Verified verify(Path file) throws BatchRejectedException {
        VerifiedBatch batch;
        try {
            batch = reader.read(file);
        } catch (IOException e) {
            LOG.warn("Cannot read {}", InboxFiles.printable(file.getFileName().toString()), e);
            throw InboxFiles.unreadable(e);
        }
        CustomerExtract extract = CustomerExtract.decode(batch.payload());
        checkRecords(extract);
        if (extract.manifest().cards() > 0 && !cardKeyCheck.equals(extract.cardKeyCheck())) {
            throw new BatchRejectedException(RejectionCode.CARD_KEY_MISMATCH, "The extract's card numbers were hashed "
                    + "with another card-matching key than this workstation's (card-matching.key in its data folder): "
                    + "no presented card could be matched. Install the branch's card-matching key from head office, "
                    + "or ask head office for an extract made with this workstation's key");
        }
        return new Verified(batch, extract);
    }

    /** The counter's number rules on every document: one bad record refuses the extract, naming it masked. */
    private void checkRecords(CustomerExtract extract) throws BatchRejectedException {
        LocalDate today = LocalDate.now(clock);
        for (ExtractCustomer c : extract.customers()) {
            for (ExtractDocument d : c.documents()) {
                Optional<String> problem = rules.documentProblem(d.type(), d.number(), c.birthDate(), today);
                if (problem.isPresent()) {
                    throw new BatchRejectedException(RejectionCode.MALFORMED, "The extract is not valid: customer "
                            + c.customerNo() + ", document " + d.type() + " " + Masking.idNumber(d.number())
                            + ": the field number " + problem.get());
                }
            }
        }
    }

    private ImportResult applyVerified(Path file, Verified v) throws BatchRejectedException {
        try {
            return jdbi.inTransaction(h -> apply(h, file, v.batch(), v.extract()));
        } catch (BatchRejectedException | CaSyncException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("Import of {} failed; nothing applied", file.getFileName(), e);
            try {
                jdbi.useTransaction(h -> audit.record(h, EVENT_FAILED, "FAILED", null, Map.of(
                        "file", file.getFileName().toString(), "error", e.getClass().getSimpleName())));
            } catch (RuntimeException auditError) {
                LOG.error("The failed import could not be audited either", auditError);
            }
            throw new CaSyncException(CaSyncException.Code.IMPORT_FAILED, "Importing " + file.getFileName()
                    + " failed; nothing was applied and the file was left where it was", e);
        }
    }

    private ImportResult apply(Handle h, Path file, VerifiedBatch verified, CustomerExtract extract)
            throws BatchRejectedException {
        String branch = BatchStore.branchOf(h, workstationId).orElseThrow(() -> new BatchRejectedException(
                        RejectionCode.WRONG_RECIPIENT, "Workstation " + workstationId + " is not set up in this "
                        + "database (teller-app setup), so the extract's branch cannot be checked"));
        if (!branch.equals(extract.branch())) {
            throw new BatchRejectedException(RejectionCode.WRONG_RECIPIENT, "The extract " + extract.extractId()
                    + " is for branch " + extract.branch() + ", not for this workstation's branch " + branch);
        }
        Optional<String> sameSequence = CustomerExtractStore.extractSha256(h, branch, extract.sequence());
        if (sameSequence.isPresent()) {
            if (sameSequence.get().equals(verified.fileSha256())) {
                LOG.info("Customer extract {} was already imported; nothing changed", extract.extractId());
                return new ExtractAlreadyImported(extract.extractId(), null);
            }
            throw new BatchRejectedException(RejectionCode.REPLAY, "Customer extract " + extract.extractId()
                    + " was already imported from a different file; this one is a replay or a forgery");
        }
        long last = CustomerExtractStore.lastExtractSequence(h, branch);
        if (extract.sequence() < last) {
            throw new BatchRejectedException(RejectionCode.REPLAY, "Customer extract " + extract.extractId()
                    + " is older than the last one imported (" + CustomerExtract.extractId(branch, last)
                    + "); importing it would bring back older data");
        }
        Instant now = clock.instant();
        Counts counts = new Counts();
        for (ExtractCustomer c : extract.customers()) {
            long customerId = upsertCustomer(h, c, now, counts);
            for (ExtractDocument d : c.documents()) {
                upsertDocument(h, customerId, c.customerNo(), d);
            }
            for (ExtractCard k : c.cards()) {
                upsertCard(h, customerId, c.customerNo(), k, now);
            }
            for (ExtractToken t : c.tokens()) {
                upsertToken(h, customerId, c.customerNo(), t, now);
            }
        }
        var m = extract.manifest();
        CustomerExtractStore.insertExtract(h, extract, branch, file.getFileName().toString(), verified.fileSha256(),
                verified.signer().getSubject().toString(), now);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("extractId", extract.extractId());
        details.put("file", file.getFileName().toString());
        details.put("sha256", verified.fileSha256());
        details.put("signer", verified.signer().getSubject().toString());
        details.put("createdAt", extract.createdAt());
        details.put("customers", m.customers());
        details.put("customersAdded", counts.added);
        details.put("customersUpdated", counts.updated);
        details.put("documents", m.documents());
        details.put("cards", m.cards());
        details.put("tokens", m.tokens());
        details.put("certificates", m.certificates());
        audit.record(h, EVENT_IMPORTED, "SUCCESS", null, details);
        LOG.info("Customer extract {} imported: {} customers ({} new, {} changed), {} cards, {} tokens",
                extract.extractId(), m.customers(), counts.added, counts.updated, m.cards(), m.tokens());
        return new ExtractImported(extract.extractId(), extract.sequence(), m.customers(), counts.added, counts.updated,
                m.documents(), m.cards(), m.tokens(), m.certificates(), null);
    }

    private static final class Counts {
        int added;
        int updated;
    }

    private static long upsertCustomer(Handle h, ExtractCustomer c, Instant now, Counts counts) {
        Optional<Long> id = CustomerExtractStore.customerId(h, c.customerNo());
        if (id.isEmpty()) {
            counts.added++;
            return CustomerExtractStore.insertCustomer(h, c, now);
        }
        // Only a real difference counts as an update (and a second import of the same data changes nothing).
        counts.updated += CustomerExtractStore.updateCustomer(h, id.get(), c);
        return id.get();
    }

    private static void upsertDocument(Handle h, long customerId, String customerNo, ExtractDocument d)
            throws BatchRejectedException {
        Optional<Owned> existing = CustomerExtractStore.document(h, d.type(), d.number());
        if (existing.isPresent()) {
            requireOwner(h, existing.get(), customerId, customerNo, "The " + d.type() + " document "
                    + Masking.idNumber(d.number()));
            CustomerExtractStore.updateDocument(h, existing.get().id(), d);
            return;
        }
        CustomerExtractStore.insertDocument(h, customerId, d);
    }

    private static void upsertCard(Handle h, long customerId, String customerNo, ExtractCard k, Instant now)
            throws BatchRejectedException {
        Optional<Owned> existing = CustomerExtractStore.card(h, k.panHmac());
        if (existing.isPresent()) {
            requireOwner(h, existing.get(), customerId, customerNo, "The card " + Masking.card(k.bin(), k.last4()));
            CustomerExtractStore.updateCard(h, existing.get().id(), k);
            return;
        }
        CustomerExtractStore.insertCard(h, customerId, k, now);
    }

    private static void upsertToken(Handle h, long customerId, String customerNo, ExtractToken t, Instant now)
            throws BatchRejectedException {
        Optional<Owned> existing = CustomerExtractStore.token(h, t.serial());
        long tokenId;
        if (existing.isPresent()) {
            requireOwner(h, existing.get(), customerId, customerNo, "The token " + t.serial());
            tokenId = existing.get().id();
            // A token this workstation knows as lost, replaced or retired is not made ACTIVE again by reference
            // data: that is a counter procedure (docs/adr/0055).
            CustomerExtractStore.updateToken(h, tokenId, t);
        } else {
            tokenId = CustomerExtractStore.insertToken(h, customerId, t,
                    t.registeredAt() == null ? now : Instant.parse(t.registeredAt()));
        }
        for (ExtractCertificate x : t.certificates()) {
            upsertCertificate(h, tokenId, t.serial(), x);
        }
        // One ACTIVE certificate per token: the latest (by notBefore), whether it came from here or from head office.
        List<Long> active = CustomerExtractStore.activeCertificates(h, tokenId);
        for (Long older : active.subList(Math.min(1, active.size()), active.size())) {
            CustomerExtractStore.supersedeCertificate(h, older);
        }
    }

    private static void upsertCertificate(Handle h, long tokenId, String tokenSerial, ExtractCertificate x)
            throws BatchRejectedException {
        byte[] der = x.certificate();
        String fingerprint = Pki.sha256Hex(der);
        X509Certificate cert = jca(CustomerExtract.certificate(der, "token " + tokenSerial));
        String serialHex = cert.getSerialNumber().toString(16);
        String issuer = cert.getIssuerX500Principal().getName();
        Optional<Owned> existing = CustomerExtractStore.certificate(h, fingerprint);
        if (existing.isPresent()) {
            if (existing.get().owner() != tokenId) {
                throw new BatchRejectedException(RejectionCode.CONFLICT, "Certificate serial " + serialHex
                        + " belongs to another token in this workstation's database than token " + tokenSerial);
            }
            // Statuses only move forward (ACTIVE -> SUPERSEDED or ABANDONED -> REVOKED): an older view never revives
            // a certificate.
            CustomerExtractStore.advanceCertificateStatus(h, existing.get().id(), x.status());
            return;
        }
        if (CustomerExtractStore.certificateSerialExists(h, issuer, serialHex)) {
            throw new BatchRejectedException(RejectionCode.CONFLICT, "Certificate serial " + serialHex + " of "
                    + issuer + " is registered here with other content than in the extract (token " + tokenSerial + ")");
        }
        CustomerExtractStore.insertCertificate(h, new CustomerExtractStore.NewCertificate(tokenId, serialHex, issuer,
                cert.getSubjectX500Principal().getName(), cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant(), fingerprint, x.status(), der));
    }

    private static X509Certificate jca(X509CertificateHolder holder) throws BatchRejectedException {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new BatchRejectedException(RejectionCode.MALFORMED, "A token certificate of the extract cannot be read");
        }
    }

    private static void requireOwner(Handle h, Owned row, long customerId, String customerNo, String what)
            throws BatchRejectedException {
        if (row.owner() != customerId) {
            String other = CustomerExtractStore.customerNo(h, row.owner()).orElse("?");
            throw new BatchRejectedException(RejectionCode.CONFLICT, what + " belongs to customer " + other
                    + " in this workstation's database, but the extract gives it to customer " + customerNo
                    + "; a change of owner needs head office to check it");
        }
    }

    private static ImportResult withArchive(ImportResult result, Path archived) {
        if (result instanceof ExtractImported i) {
            return new ExtractImported(i.extractId(), i.sequence(), i.customers(), i.customersAdded(),
                    i.customersUpdated(), i.documents(), i.cards(), i.tokens(), i.certificates(), archived);
        }
        return new ExtractAlreadyImported(((ExtractAlreadyImported) result).extractId(), archived);
    }
}
