package bank.ushield.casync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import bank.ushield.audit.AnchorAcknowledgement;
import bank.ushield.audit.AnchorCheck;
import bank.ushield.audit.AuditEntry;
import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.audit.KeystorePassword;
import bank.ushield.audit.SignedTreeHead;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.casync.format.BatchFormat;
import bank.ushield.casync.format.RequestBatch;
import bank.ushield.casync.format.RequestBatch.AuditAnchor;
import bank.ushield.casync.format.RequestBatch.AuditCheckpoint;
import bank.ushield.casync.format.ResponseBatch;
import bank.ushield.casync.headoffice.HeadOfficeAnchors;
import bank.ushield.db.Database;

/**
 * What anchoring costs per sync on a large log (docs/performance.md): bytes the anchor adds to a request and a
 * response batch, and the time to build the proof (branch), check it (head office) and check the acknowledgement
 * (branch). Prints figures only. Run: {@code java -cp ca-sync/target/test-classes:ca-sync/target/classes:<cp>
 * bank.ushield.casync.AnchorBench [entries] [dir]}.
 */
public final class AnchorBench {

    private static final String WS = "BENCH-W1";

    private AnchorBench() {
    }

    public static void main(String[] args) throws Exception {
        long entries = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        Path dir = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "target/anchor-bench"));
        Path file = dir.resolve("anchor-large.db");
        for (String s : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(file + s));
        }
        Database db = Database.open(file);
        WorkstationKeys keys = WorkstationKeys.loadOrCreate(dir.resolve("keys"), WS, KeystorePassword.training());
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair headOffice = g.generateKeyPair();
        try (AuditLog log = AuditLog.open(db, WS)) {
            long t0 = System.nanoTime();
            for (long done = 0; done < entries; done += 10_000) {
                List<AuditEvent> events = new ArrayList<>();
                for (long i = done; i < Math.min(entries, done + 10_000); i++) {
                    events.add(AuditEvent.builder(AuditEventType.CASE_OPENED, AuditOutcome.OK).actor("t" + (i % 7), "TELLER")
                            .caseId(i).detail("n", i).build());
                }
                db.jdbi().useTransaction(h -> log.appendAll(h, events));
            }
            System.out.printf("log: %,d entries built in %.1f s%n", log.size(), (System.nanoTime() - t0) / 1e9);

            // Head office acknowledged the log some 150 entries ago (a busy hour between syncs).
            SignedTreeHead previous = log.checkpoint(keys);
            AnchorAcknowledgement ack = AnchorAcknowledgement.sign(WS, previous.head(), Instant.now(),
                    headOffice.getPrivate(), headOffice.getPublic());
            db.jdbi().useTransaction(h -> AnchorCheck.store(h, ack, Instant.now()));
            for (int i = 0; i < 150; i++) {
                log.append(AuditEvent.builder(AuditEventType.CASE_OPENED, AuditOutcome.OK).actor("t1", "TELLER").build());
            }
            AuditLogCheckpoints source = new AuditLogCheckpoints(log, keys);
            source.beforeExport();
            AuditCheckpoint cp = AuditLogCheckpoints.toBatch(log.latestCheckpoint().orElseThrow());

            int runs = 50;
            long[] build = new long[runs];
            long[] hoCheck = new long[runs];
            long[] ackCheck = new long[runs];
            AuditAnchor anchor = null;
            RequestBatch request = null;
            List<HeadOfficeAnchors.AckedHead> acked = List.of(new HeadOfficeAnchors.AckedHead(ack.treeSize(),
                    ack.rootHex(), previous.signedAt().toString(), AuditEntry.formatTime(ack.acknowledgedAt()), 1));
            for (int r = -5; r < runs; r++) {
                long a = System.nanoTime();
                anchor = db.jdbi().withHandle(h -> source.anchor(h, cp)).orElseThrow();
                long b = System.nanoTime();
                request = RequestBatch.of(WS, null, 2, Instant.now().toString(), List.of(), List.of(), cp, anchor);
                HeadOfficeAnchors.Decision d = HeadOfficeAnchors.check(request, keys.certificate().getPublicKey(), acked);
                long c = System.nanoTime();
                AnchorCheck.Result res = db.jdbi().withHandle(h -> AnchorCheck.check(h, ack));
                long e = System.nanoTime();
                if (d.refused() || !res.ok()) {
                    throw new IllegalStateException("anchor refused: " + d.reason() + " / " + res.message());
                }
                if (r >= 0) {
                    build[r] = b - a;
                    hoCheck[r] = c - b;
                    ackCheck[r] = e - c;
                }
            }
            int without = BatchFormat.encode(RequestBatch.of(WS, null, 2, Instant.now().toString(), List.of(), List.of(),
                    null, null)).length;
            int withCp = BatchFormat.encode(RequestBatch.of(WS, null, 2, Instant.now().toString(), List.of(), List.of(),
                    cp, null)).length;
            int withAnchor = BatchFormat.encode(request).length;
            ResponseBatch plain = ResponseBatch.of(WS, 2, Instant.now().toString(), List.of(2L), List.of(), List.of(),
                    List.of(), List.of(), List.of());
            AnchorAcknowledgement next = AnchorAcknowledgement.sign(WS, log.treeHead(cp.treeSize()), Instant.now(),
                    headOffice.getPrivate(), headOffice.getPublic());
            int ackBytes = BatchFormat.encode(plain.withAnchor(new ResponseBatch.AuditAcknowledgement(WS, next.treeSize(),
                    next.rootHex(), AuditEntry.formatTime(next.acknowledgedAt()), 2, next.keyId(), next.note(),
                    next.signature()), null)).length - BatchFormat.encode(plain).length;
            System.out.printf("anchor from %,d to %,d entries: proof of %d hashes%n", ack.treeSize(), cp.treeSize(),
                    anchor.consistencyProof().size());
            System.out.printf("bytes: request payload +%d for the signed head, +%d for the anchor (proof); response "
                    + "+%d for the acknowledgement (RSA-2048 head office)%n", withCp - without, withAnchor - withCp, ackBytes);
            System.out.printf("branch builds the proof (reads nodes from SQLite): %s%n", ms(build));
            System.out.printf("head office checks signature + proof:             %s%n", ms(hoCheck));
            System.out.printf("branch checks an acknowledgement against its log: %s%n", ms(ackCheck));
        }
        db.close();
    }

    private static String ms(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format("median %.3f ms, p90 %.3f ms, max %.3f ms (%d runs)", s[s.length / 2] / 1e6,
                s[(int) (s.length * 0.9)] / 1e6, s[s.length - 1] / 1e6, s.length);
    }
}
