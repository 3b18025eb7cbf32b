package bank.ushield.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.db.Database;
import bank.ushield.db.WorkPhaseEvent;

/**
 * The workstation's append-only audit log: each entry is a leaf of an RFC 9162 Merkle tree kept incrementally.
 * Thread-safe. Appends from any number of threads or connections serialise into one unbroken sequence because the
 * next sequence number and the tree edge are read under the log's write lock: SQLite's (BEGIN IMMEDIATE), or on a
 * branch's PostgreSQL database a lock per workstation, each of which keeps its own log there (docs/adr/0073).
 */
public final class AuditLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final Jdbi jdbi;
    private final String workstation;
    private final Clock clock;
    /** The log's end as of the last commit this instance saw; null until first needed. Never holds uncommitted state. */
    private final AtomicReference<Tip> committed = new AtomicReference<>();
    private final ReentrantLock ownConnectionLock = new ReentrantLock();
    private Handle ownHandle;
    /** When the own connection was last handed out (System.nanoTime); one idle longer is checked before use. */
    private long ownHandleUsedAt;
    private static final long IDLE_CHECK_NANOS = 1_000_000_000L;
    private volatile WorkstationKeys checkpointKeys;
    private volatile long checkpointEvery = Long.MAX_VALUE;
    private AuditAppendStore ownStatements;
    /** Set by {@link #appendAlone} (under the own connection's lock) when the stored log did not end as remembered. */
    private boolean aloneFailed;

    private AuditLog(Jdbi jdbi, String workstation, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.workstation = Objects.requireNonNull(workstation, "workstation");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The audit log in the given database, recording entries as made on {@code workstation}. On a branch database
     * that is the workstation the database was opened for: each keeps its own log there, and writes no other.
     */
    public static AuditLog open(Database database, String workstation) {
        return open(database, workstation, Clock.systemUTC());
    }

    /** As {@link #open(Database, String)} with a given clock (tests, training scenarios). */
    public static AuditLog open(Database database, String workstation, Clock clock) {
        if (database.workstation() != null && !database.workstation().equals(workstation)) {
            throw new IllegalArgumentException("The branch database was opened for workstation "
                    + database.workstation() + ", not " + workstation + ": a workstation writes only its own audit log");
        }
        return new AuditLog(database.jdbi(), workstation, clock);
    }

    /**
     * The log in {@code file} opened with SQLite's read-only flag and without migrations, for reading heads, entries
     * and proofs (audit prove): an append through it fails, nothing in the file changes.
     */
    public static AuditLog readOnly(java.nio.file.Path file) {
        return new AuditLog(AuditSchemaStore.readOnly(file), "read-only", Clock.systemUTC());
    }

    /** The workstation id written into every entry. */
    public String workstation() {
        return workstation;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Records the event in its own transaction and returns once it is committed (durable: synchronous=FULL).
     * Do not call it while holding a write transaction on another connection of the same file (it would wait for
     * that transaction's lock); inside a transaction use {@link #append(Handle, AuditEvent)}.
     *
     * @throws SecretRefusedException when a detail looks like a PIN, password or private key (nothing recorded)
     */
    public AuditEntry append(AuditEvent event) {
        Prepared prepared = prepare(event);
        ownConnectionLock.lock();
        try {
            Tip tried = committed.get();
            AuditEntry alone = appendAlone(prepared, tried);
            if (alone != null) {
                return alone;
            }
            // Either the end was not usable alone (tried stays unchecked) or the stored log did not end there.
            Tip failed = aloneFailed ? tried : null;
            return inOwnTransaction(st -> {
                Batch batch = appendBatch(List.of(prepared), st, failed);
                return new Committed<>(batch.entries().get(0), batch.end());
            });
        } catch (RuntimeException e) {
            if (!(e instanceof AuditException a) || a.code() == AuditException.Code.STORAGE) {
                // The connection may be unusable (a branch database server restarted); open a fresh one next time.
                closeOwnHandle();
            }
            throw e;
        } finally {
            ownConnectionLock.unlock();
        }
    }

    /**
     * Records the event inside the caller's open transaction on {@code handle}: the entry commits or rolls back with
     * the caller's own changes (e.g. a case transition and its audit entry together). Without an open transaction
     * on the handle, the append runs in a transaction of its own.
     */
    public AuditEntry append(Handle handle, AuditEvent event) {
        return appendAll(handle, List.of(event)).get(0);
    }

    /**
     * Records several events in order inside the caller's transaction on {@code handle} (or one transaction of its
     * own when none is open): imports, bulk loads, a step that records more than one fact.
     */
    public List<AuditEntry> appendAll(Handle handle, List<AuditEvent> events) {
        List<Prepared> prepared = events.stream().map(AuditLog::prepare).toList();
        if (!handle.isInTransaction()) {
            return handle.inTransaction(tx -> appendAll(tx, events));
        }
        try (AuditAppendStore st = new AuditAppendStore(handle)) {
            Batch batch = appendBatch(prepared, st, null);
            // Only a committed edge may be remembered: a rolled-back append leaves the remembered edge as it was.
            handle.afterCommit(() -> remember(batch.end()));
            return batch.entries();
        }
    }

    /**
     * The append as one statement in auto-commit, when the remembered end of the log allows it (known, no checkpoint
     * due) and the engine can write all of it at once ({@link AuditAppendStore#appendsAlone(int)}): the statement
     * writes only if the stored log still ends where the remembered edge does. Null when it did not write: the caller
     * then appends in a transaction that reads the end under the lock.
     */
    private AuditEntry appendAlone(Prepared p, Tip tip) {
        aloneFailed = false;
        if (tip == null || tip.edge().lastLeaf() == null || checkpointDue(tip.edge().size(), tip.lastCheckpoint())) {
            return null;
        }
        AuditAppendStore st = ownStatements();
        // Entry n completes one node per trailing 1 bit of n: known before the entry is made (and its time taken).
        if (!st.appendsAlone(Long.numberOfTrailingZeros(~tip.edge().size()))) {
            return null;
        }
        Frontier.Appended appended = draft(p, tip.edge());
        boolean written;
        try (WorkPhaseEvent e = WorkPhaseEvent.start(WorkPhaseEvent.COMMIT, "audit append")) {
            written = st.insertAfter(appended.entry(), tip.edge().lastLeaf(), appended.completed());
        }
        if (!written) {
            // Another connection or process appended (or the log was changed): the transaction reads the end.
            aloneFailed = true;
            return null;
        }
        remember(new Tip(appended.frontier(), tip.lastCheckpoint()));
        return appended.entry();
    }

    /** Masking, secret refusal and canonical JSON: done before any database work. */
    private record Prepared(AuditEvent event, String details) {
    }

    private static Prepared prepare(AuditEvent event) {
        String ref = event.customerRef();
        if (ref != null && !CustomerRef.isReference(ref) && !ref.contains("*")) {
            throw new AuditException(AuditException.Code.INVALID_EVENT,
                    "The customer reference must be a CustomerRef key or a masked value, never a clear number.");
        }
        return new Prepared(event, AuditDetails.canonicalJson(event.details()));
    }

    /**
     * The end of the log as a commit left it: the tree edge (its size is the next sequence number) and the size of
     * the last signed head (-1 when not read), to continue from without reading them again (docs/adr/0092).
     */
    private record Tip(Frontier edge, long lastCheckpoint) {
    }

    /** Entries appended in one transaction and the log's end after them (to remember once committed). */
    private record Batch(List<AuditEntry> entries, Tip end) {
    }

    /** A result of work in the log's own transaction, and the log's end to remember after its commit. */
    private record Committed<T>(T result, Tip end) {
    }

    /**
     * Runs {@code work} in a BEGIN IMMEDIATE transaction on the log's own connection (caller holds the lock) and
     * remembers the tree edge once committed.
     */
    private <T> T inOwnTransaction(java.util.function.Function<AuditAppendStore, Committed<T>> work) {
        AuditAppendStore st = ownStatements();
        Committed<T> done = st.inImmediateTransaction(() -> work.apply(st));
        remember(done.end());
        return done.result();
    }

    /**
     * Appends prepared events in the open transaction, keeping the tree edge locally between them. It starts from the
     * remembered end of the log when there is one; the first entry is written only if the stored log still ends
     * there, else the end is read under the lock and the append starts again (nothing was written yet).
     */
    private Batch appendBatch(List<Prepared> events, AuditAppendStore st, Tip failed) {
        Tip tip = failed != null ? failed : committed.get();
        boolean read = failed != null || tip == null || tip.edge().lastLeaf() == null
                || checkpointDue(tip.edge().size(), tip.lastCheckpoint());
        if (read) {
            tip = readTip(st, failed);
        }
        Frontier edge = tip.edge();
        long lastCheckpoint = tip.lastCheckpoint();
        List<AuditEntry> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            WorkstationKeys keys = checkpointKeys;
            if (keys != null && checkpointDue(edge.size(), lastCheckpoint)) {
                // Inside the same transaction: a rolled-back append takes its checkpoint with it. Reached only with an
                // end read under the lock or after this batch's first entry was written, so never from a stale edge.
                Written written = writeCheckpoint(st, edge, keys);
                lastCheckpoint = written.head().head().size();
                edge = written.after();
            }
            Frontier.Appended appended = appendAt(events.get(i), st, edge);
            if (appended == null) {
                if (read || !out.isEmpty()) {
                    throw new AuditException(AuditException.Code.STORAGE, "The audit log changed while this "
                            + "workstation held its write lock; nothing was recorded. Run 'audit verify' on this database.");
                }
                // Another connection or process appended since this instance last committed: read the end, retry.
                read = true;
                tip = readTip(st, tip);
                edge = tip.edge();
                lastCheckpoint = tip.lastCheckpoint();
                i--;
                continue;
            }
            out.add(appended.entry());
            edge = appended.frontier();
        }
        return new Batch(out, new Tip(edge, lastCheckpoint));
    }

    /** True when a checkpoint is to be signed before entry {@code size} (unknown last head: read it to decide). */
    private boolean checkpointDue(long size, long lastCheckpoint) {
        return checkpointKeys != null && size > 0 && (lastCheckpoint < 0 || size - lastCheckpoint >= checkpointEvery);
    }

    /**
     * The end of the log read under the write lock (taken here on PostgreSQL, held by the transaction on SQLite).
     * With {@code stale}, the end this instance committed and found changed: another writer may only have made the
     * log longer; a log that is now no longer, yet does not end as stale does, was cut or rewritten outside the
     * application, and nothing is appended to it.
     */
    private Tip readTip(AuditAppendStore st, Tip stale) {
        long size = st.nextSeq();
        if (stale != null && size <= stale.edge().size()) {
            LOG.error("Audit log of {} has {} entries where this workstation last committed {} with another last "
                    + "entry: changed outside the application; nothing appended", workstation, size, stale.edge().size());
            throw new AuditException(AuditException.Code.STORAGE, "The audit log no longer ends with the entry this "
                    + "workstation last wrote: it was changed outside the application. Nothing was recorded. Run "
                    + "'audit verify' on this database.");
        }
        Frontier edge;
        try (NodeStore nodes = st.nodes()) {
            edge = Frontier.load(size, nodes);
        }
        return new Tip(edge, st.lastCheckpointSize());
    }

    /** The entry at the end of {@code edge}, its leaf hash, and the edge and nodes after it; nothing written. */
    private Frontier.Appended draft(Prepared p, Frontier edge) {
        long seq = edge.size();
        AuditEvent e = p.event();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        AuditEntry draft = new AuditEntry(seq, at, workstation, e.actor(), e.role(), e.caseId(), e.customerRef(),
                e.type(), e.outcome(), p.details(), new byte[0]);
        byte[] leaf = MerkleTree.leafHash(draft.leafData());
        AuditEntry entry = new AuditEntry(seq, at, workstation, e.actor(), e.role(), e.caseId(), e.customerRef(),
                e.type(), e.outcome(), p.details(), leaf);
        return edge.append(leaf, entry);
    }

    /**
     * Writes the entry at the end of {@code edge} and the nodes it completes; null (nothing written) when the stored
     * log does not end where {@code edge} does. An edge without its last leaf (read at an even size, or the empty
     * log) comes from a read under the lock and is written as it is.
     */
    private Frontier.Appended appendAt(Prepared p, AuditAppendStore st, Frontier edge) {
        Frontier.Appended appended = draft(p, edge);
        if (edge.lastLeaf() != null) {
            return st.insertAfter(appended.entry(), edge.lastLeaf(), appended.completed()) ? appended : null;
        }
        st.insert(appended.entry());
        for (Frontier.Completed node : appended.completed()) {
            st.insert(node);
        }
        return appended;
    }

    /** The committed tree edge at {@code size}: the remembered one when it is current, else read from the table. */
    private Frontier committedEdge(long size, AuditAppendStore st) {
        Tip tip = committed.get();
        Frontier edge = tip == null ? null : tip.edge();
        if (edge == null || edge.size() != size) {
            // Another connection appended, or a caller's transaction was rolled back after we last looked.
            try (NodeStore nodes = st.nodes()) {
                edge = Frontier.load(size, nodes);
            }
        }
        return edge;
    }

    private long lastCheckpointSize(AuditAppendStore st) {
        return st.lastCheckpointSize();
    }

    /** A checkpoint just written, and the tree edge after its CHECKPOINT_SIGNED entry. */
    private record Written(SignedTreeHead head, Frontier after) {
    }

    /** Signs the head at the edge's size, stores it, and records CHECKPOINT_SIGNED after it. */
    private Written writeCheckpoint(AuditAppendStore st, Frontier edge, WorkstationKeys keys) {
        TreeHead head = new TreeHead(edge.size(), edge.root());
        return writeSigned(st, edge, SignedTreeHead.sign(workstation, head, clock.instant(), keys), keys);
    }

    /** Stores a signed head and records CHECKPOINT_SIGNED for it at the edge (the current end of the log). */
    private Written writeSigned(AuditAppendStore st, Frontier edge, SignedTreeHead sth, WorkstationKeys keys) {
        TreeHead head = sth.head();
        try {
            st.insert(sth, keys.certificate().getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new AuditException(AuditException.Code.KEYSTORE, "The workstation certificate cannot be encoded", e);
        }
        AuditEvent event = AuditEvent.builder(AuditEventType.CHECKPOINT_SIGNED, AuditOutcome.INFO)
                .actor("system", "SYSTEM")
                .detail("treeSize", head.size())
                .detail("rootHash", head.rootHex())
                .detail("keyId", sth.keyId())
                .build();
        Frontier.Appended appended = appendAt(prepare(event), st, edge);
        if (appended == null) {
            throw new AuditException(AuditException.Code.STORAGE, "The audit log changed while this workstation held "
                    + "its write lock; no checkpoint was recorded. Run 'audit verify' on this database.");
        }
        return new Written(sth, appended.frontier());
    }

    /**
     * Signs a checkpoint automatically every {@code every} entries with the workstation key (inside the transaction
     * of the append that crosses the mark).
     */
    public void enableCheckpoints(WorkstationKeys keys, long every) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1");
        }
        this.checkpointKeys = Objects.requireNonNull(keys, "keys");
        this.checkpointEvery = every;
    }

    /**
     * Signs the current tree head now (e.g. at each head-office sync), stores it, and records a CHECKPOINT_SIGNED
     * entry after it. Returns the signed head, which covers every entry before that CHECKPOINT_SIGNED entry.
     */
    public SignedTreeHead checkpoint(WorkstationKeys keys) {
        ownConnectionLock.lock();
        try {
            return inOwnTransaction(st -> {
                Written written = writeCheckpoint(st, committedEdge(st.nextSeq(), st), keys);
                return new Committed<>(written.head(), new Tip(written.after(), written.head().head().size()));
            });
        } finally {
            ownConnectionLock.unlock();
        }
    }

    /**
     * Signs exactly {@code verified} (a head {@link AuditVerifier} just recomputed), never a larger one appended since:
     * the daily sign-off signs what was checked. The head must still be the stored tree's head at its size and lie
     * after the last signed head; a CHECKPOINT_SIGNED entry is recorded after the current end as usual.
     *
     * @throws AuditException STORAGE when the stored tree at that size no longer has that root (changed since)
     */
    public SignedTreeHead checkpoint(WorkstationKeys keys, TreeHead verified) {
        ownConnectionLock.lock();
        try {
            return inOwnTransaction(st -> {
                Frontier end = committedEdge(st.nextSeq(), st);
                Frontier at;
                try (NodeStore nodes = st.nodes()) {
                    at = verified.size() == end.size() ? end : Frontier.load(verified.size(), nodes);
                }
                if (!java.util.Arrays.equals(at.root(), verified.rootHash()) || verified.size() <= lastCheckpointSize(st)) {
                    throw new AuditException(AuditException.Code.STORAGE, "The verified tree head over "
                            + verified.size() + " entries is not the stored one or is not after the last signed head");
                }
                TreeHead head = new TreeHead(verified.size(), at.root());
                SignedTreeHead sth = SignedTreeHead.sign(workstation, head, clock.instant(), keys);
                Written written = writeSigned(st, end, sth, keys);
                return new Committed<>(written.head(), new Tip(written.after(), head.size()));
            });
        } finally {
            ownConnectionLock.unlock();
        }
    }

    /** All stored signed tree heads, smallest first. */
    public List<SignedTreeHead> checkpoints() {
        return jdbi.withHandle(CheckpointStore::all);
    }

    /** The newest stored signed tree head, if any. */
    public Optional<SignedTreeHead> latestCheckpoint() {
        return jdbi.withHandle(CheckpointStore::latest);
    }

    /**
     * The certificate stored in this log for the key that signed heads under {@code keyId}, if it is there and
     * self-signed: what another workstation's head is checked with when its certificate is not pinned here.
     */
    public Optional<java.security.cert.X509Certificate> storedSigner(String keyId) {
        try {
            java.security.cert.CertificateFactory cf = java.security.cert.CertificateFactory.getInstance("X.509");
            for (byte[] der : jdbi.withHandle(CheckpointStore::signerCertificates)) {
                java.security.cert.X509Certificate cert = (java.security.cert.X509Certificate)
                        cf.generateCertificate(new java.io.ByteArrayInputStream(der));
                if (WorkstationKeys.keyId(cert.getPublicKey()).equals(keyId)) {
                    cert.verify(cert.getPublicKey());
                    return Optional.of(cert);
                }
            }
            return Optional.empty();
        } catch (java.security.GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private void remember(Tip end) {
        committed.accumulateAndGet(end, (current, offered) ->
                current == null || offered.edge().size() > current.edge().size() ? offered : current);
    }

    /** The committed tree head (size and root) as it is now in the database. */
    public TreeHead treeHead() {
        return withOwnHandle(h -> treeHead(h, AuditEntryStore.size(h)));
    }

    /** The tree head at an earlier size (any size up to the current one). */
    public TreeHead treeHead(long size) {
        return withOwnHandle(h -> treeHead(h, size));
    }

    private TreeHead treeHead(Handle h, long size) {
        Tip tip = committed.get();
        Frontier edge = tip == null ? null : tip.edge();
        if (edge == null || edge.size() != size) {
            try (NodeStore nodes = new NodeStore(h)) {
                edge = Frontier.load(size, nodes);
            }
        }
        return new TreeHead(size, edge.root());
    }

    /** The number of entries committed so far. */
    public long size() {
        return withOwnHandle(AuditEntryStore::size);
    }

    /** The inclusion proof (RFC 9162 audit path) of entry {@code seq} in the tree of {@code treeSize} entries. */
    public List<byte[]> inclusionProof(long seq, long treeSize) {
        return withNodes(treeSize, nodes -> MerkleTree.inclusionProof(nodes, seq, treeSize));
    }

    /** The consistency proof (RFC 9162) that the tree of {@code size2} entries extends the tree of {@code size1}. */
    public List<byte[]> consistencyProof(long size1, long size2) {
        return withNodes(size2, nodes -> MerkleTree.consistencyProof(nodes, size1, size2));
    }

    private <T> T withNodes(long treeSize, java.util.function.Function<MerkleTree.Nodes, T> work) {
        return withOwnHandle(h -> {
            long size = AuditEntryStore.size(h);
            if (treeSize > size) {
                throw new AuditException(AuditException.Code.BAD_PROOF_REQUEST,
                        "The log has " + size + " entries, fewer than the " + treeSize + " asked for");
            }
            try (NodeStore nodes = new NodeStore(h)) {
                return work.apply(nodes);
            }
        });
    }

    /** One entry by its sequence number. */
    public Optional<AuditEntry> entry(long seq) {
        return withOwnHandle(h -> AuditEntryStore.entry(h, seq));
    }

    /** Reads on the log's own connection: no connection setup per call (proofs, heads, single entries). */
    private <T> T withOwnHandle(java.util.function.Function<Handle, T> work) {
        ownConnectionLock.lock();
        try {
            return work.apply(ownHandle());
        } catch (RuntimeException e) {
            // As for appends: a failed read may have left a dead connection behind; the next call opens a fresh one.
            closeOwnHandle();
            throw e;
        } finally {
            ownConnectionLock.unlock();
        }
    }

    private Handle ownHandle() {
        long now = System.nanoTime();
        if (ownHandle != null && now - ownHandleUsedAt > IDLE_CHECK_NANOS && !AuditAppendStore.stillConnected(ownHandle)) {
            // Idle while a branch database server restarted: a fresh connection, so the next step just works.
            closeOwnHandle();
        }
        ownHandleUsedAt = now;
        if (ownHandle == null) {
            ownHandle = jdbi.open();
            ownStatements = new AuditAppendStore(ownHandle);
        }
        return ownHandle;
    }

    private AuditAppendStore ownStatements() {
        ownHandle();
        return ownStatements;
    }

    private void closeOwnHandle() {
        if (ownHandle == null) {
            return;
        }
        Handle h = ownHandle;
        AuditAppendStore st = ownStatements;
        ownHandle = null;
        ownStatements = null;
        try {
            try {
                st.close();
            } finally {
                h.close();
            }
        } catch (RuntimeException deadConnection) {
            // Closing a connection the server dropped may fail too; the pool discards it either way.
            LOG.debug("Closing the audit log's own connection failed", deadConnection);
        }
    }

    /** A storage error (an SQLException from a store) as the log reports it. */
    static AuditException storageFailure(Exception e) {
        LOG.error("Audit storage failure", e);
        return new AuditException(AuditException.Code.STORAGE,
                "The audit log could not be written or read; nothing was recorded. Cause: " + e.getMessage(), e);
    }

    /** Closes the log's own connection. */
    @Override
    public void close() {
        ownConnectionLock.lock();
        try {
            closeOwnHandle();
        } finally {
            ownConnectionLock.unlock();
        }
    }
}
