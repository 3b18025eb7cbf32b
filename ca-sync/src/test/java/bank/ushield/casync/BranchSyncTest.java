package bank.ushield.casync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AnchorAcknowledgement;
import bank.ushield.audit.AnchorCheck;
import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.audit.AuditVerifier;
import bank.ushield.audit.KeystorePassword;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.casync.ImportResult.Imported;
import bank.ushield.casync.format.KeyBatchSigner;
import bank.ushield.casync.format.Pki;
import bank.ushield.casync.RequestBatchExporter.ExportedBatch;
import bank.ushield.casync.format.BatchFormat;
import bank.ushield.casync.format.RequestBatch;
import bank.ushield.casync.format.SignedBatchReader;
import bank.ushield.casync.headoffice.HeadOfficeSimulator;
import bank.ushield.casync.headoffice.RejectionPolicy;
import bank.ushield.db.BranchDatabaseSettings;
import bank.ushield.db.Database;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

/**
 * Head-office exchange per workstation in a branch database (ADR 0088): two workstations on one PostgreSQL database
 * export at the same moment, each its own signed batch with its own sequence carrying the requests it queued (a case
 * opened at one counter and queued at the other goes with the other's batch), and each imports its own answers.
 */
@ExtendWith(PostgresExtension.class)
class BranchSyncTest {

    static final String W01 = "0102-W01";

    @TempDir
    Path tmp;

    private static Database open(String url, PostgresDatabase pg, String ws) {
        return Database.open(BranchDatabaseSettings.of(url, pg.user(), pg.password().toCharArray(), ws));
    }

    @Test
    void twoWorkstationsExchangeTheirOwnBatchesAtOnce(PostgresDatabase pg) throws Exception {
        String url = pg.freshSchemaUrl();
        Branch w03 = new Branch(open(url, pg, Branch.WS), Branch.WS, 0, tmp.resolve("sync-w03"));
        Branch w01 = new Branch(open(url, pg, W01), W01, 1000, tmp.resolve("sync-w01"));
        HeadOfficeSimulator headOffice = HeadOfficeSimulator.open(tmp.resolve("headoffice"), Branch.CLOCK);
        headOffice.registerWorkstation(Branch.WS, w03.signer.certificate());
        headOffice.registerWorkstation(W01, w01.signer.certificate());

        String a = w03.queueCase(null);
        String b = w03.queueCase(null);
        String resumed = w03.queueCase(null); // opened at counter 3, queued at counter 1 (the renewal step records it)
        w03.jdbi.useHandle(h -> h.execute("UPDATE renewal_case SET queued_by = ? WHERE case_no = ?", W01, resumed));
        String c = w01.queueCase(null);
        String d = w01.queueCase(null);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        ExportedBatch fromW03;
        ExportedBatch fromW01;
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            Future<ExportedBatch> f03 = pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return w03.exporter().export().orElseThrow();
            });
            Future<ExportedBatch> f01 = pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return w01.exporter().export().orElseThrow();
            });
            fromW03 = f03.get(60, TimeUnit.SECONDS);
            fromW01 = f01.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(fromW03.sequence()).isEqualTo(1);
        assertThat(fromW01.sequence()).isEqualTo(1);
        assertThat(requestIds(fromW03, w03)).containsExactly(a, b);
        assertThat(requestIds(fromW01, w01)).containsExactlyInAnyOrder(resumed, c, d);
        assertThat(fromW03.file()).hasFileName("REQ-0102-W03-00000001.p7m");
        assertThat(fromW01.file()).hasFileName("REQ-0102-W01-00000001.p7m");

        headOffice.process(fromW03.file(), w03.folders.inbox(), RejectionPolicy.byRequestId(Map.of()));
        headOffice.process(fromW01.file(), w01.folders.inbox(), RejectionPolicy.byRequestId(Map.of(d, "no")));
        assertThat(w03.importer(headOffice.syncCertificate()).importInbox()).singleElement()
                .isInstanceOfSatisfying(Imported.class, r -> assertThat(r.issued()).isEqualTo(2));
        assertThat(w01.importer(headOffice.syncCertificate()).importInbox()).singleElement()
                .isInstanceOfSatisfying(Imported.class, r -> {
                    assertThat(r.issued()).isEqualTo(2);
                    assertThat(r.rejected()).isEqualTo(1);
                });
        assertThat(List.of(a, b, resumed, c)).allSatisfy(n -> assertThat(w03.state(n)).isEqualTo("CERT_RECEIVED"));
        assertThat(w03.state(d)).isEqualTo("ABORTED");
        // Each workstation's response sequence is its own, and the next exports start from there.
        assertThat(w03.exporter().export()).isEmpty();
        w01.queueCase(null);
        assertThat(w01.exporter().export().orElseThrow().sequence()).isEqualTo(2);
        List<String> batches = w03.jdbi.withHandle(h -> h.createQuery(
                "SELECT workstation_id || ' ' || direction || ' ' || sequence FROM ho_batch ORDER BY workstation_id, "
                        + "direction, sequence").mapTo(String.class).list());
        assertThat(batches).containsExactly("0102-W01 IN 1", "0102-W01 OUT 1", "0102-W01 OUT 2", "0102-W03 IN 1", "0102-W03 OUT 1");
    }

    @Test
    void eachWorkstationsHeadIsAnchoredAndItsAcknowledgementReachesItsOwnLog(PostgresDatabase pg) throws Exception {
        String url = pg.freshSchemaUrl();
        HeadOfficeSimulator headOffice = HeadOfficeSimulator.open(tmp.resolve("headoffice"), Branch.CLOCK);
        List<String> counters = List.of(Branch.WS, W01);
        List<Branch> branches = new java.util.ArrayList<>();
        List<AuditLog> logs = new java.util.ArrayList<>();
        List<InProcessHeadOffice> offices = new java.util.ArrayList<>();
        for (int i = 0; i < counters.size(); i++) {
            String ws = counters.get(i);
            Branch b = new Branch(open(url, pg, ws), ws, 1000 * i, tmp.resolve("sync-" + ws));
            WorkstationKeys keys = WorkstationKeys.loadOrCreate(tmp.resolve("data-" + ws), ws, KeystorePassword.training());
            AuditLog log = AuditLog.open(b.db, ws, Branch.CLOCK);
            KeyBatchSigner signer = KeyBatchSigner.forWorkstation(keys);
            headOffice.registerWorkstation(ws, signer.certificate());
            AuditLogSyncTrail trail = new AuditLogSyncTrail(log);
            offices.add(new InProcessHeadOffice(new RequestBatchExporter(b.jdbi, ws, b.folders, signer, trail,
                    new AuditLogCheckpoints(log, keys), Branch.CLOCK), headOffice, new ResponseBatchImporter(b.jdbi, ws,
                    b.folders, headOffice.syncCertificate(), new CaseStateResponseListener(Branch.CLOCK), trail,
                    Branch.CLOCK), b.folders, tmp.resolve("headoffice")));
            for (int n = 0; n < 5 + 4 * i; n++) { // different sizes: an acknowledgement in the wrong log shows
                log.append(AuditEvent.builder(AuditEventType.CASE_OPENED, AuditOutcome.OK).actor("t01", "TELLER")
                        .detail("n", n).build());
            }
            b.queueCase(null);
            branches.add(b);
            logs.add(log);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<InProcessHeadOffice.RoundTrip>> trips = new java.util.ArrayList<>();
            for (InProcessHeadOffice office : offices) {
                trips.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return office.roundTrip(RejectionPolicy.none());
                }));
            }
            for (Future<InProcessHeadOffice.RoundTrip> trip : trips) {
                assertThat(trip.get(60, TimeUnit.SECONDS).summary().problems()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < counters.size(); i++) {
            String ws = counters.get(i);
            Branch b = branches.get(i);
            AnchorAcknowledgement ack = AnchorCheck.latest(b.jdbi).orElseThrow();
            assertThat(ack.treeSize()).as(ws).isEqualTo(5 + 4 * i);
            long size = 5 + 4 * i;
            assertThat(headOffice.acknowledgedHeads(ws)).singleElement()
                    .satisfies(h -> assertThat(h.treeSize()).isEqualTo(size));
            assertThat(AnchorCheck.check(b.jdbi, ws, Optional.empty(),
                    Optional.of(Pki.publicKey(headOffice.syncCertificate()))).kind()).as(ws)
                    .isEqualTo(AnchorCheck.Kind.OK);
            assertThat(AuditVerifier.verify(b.db).ok()).as(ws).isTrue();
            logs.get(i).close();
        }
        // In the shared table each acknowledgement sits with its own workstation's log.
        List<String> anchors = branches.get(0).jdbi.withHandle(h -> h.createQuery(
                "SELECT workstation || ' ' || tree_size FROM branch_audit_anchor ORDER BY workstation")
                .mapTo(String.class).list());
        assertThat(anchors).containsExactly(W01 + " 9", Branch.WS + " 5");
    }

    private static List<String> requestIds(ExportedBatch batch, Branch from) throws Exception {
        RequestBatch payload = BatchFormat.decodeRequest(new SignedBatchReader(List.of(from.signer.certificate()),
                SignedBatchReader.DEFAULT_MAX_BYTES).read(batch.file()).payload());
        assertThat(payload.workstation()).isEqualTo(from.workstation);
        return payload.requests().stream().map(RequestBatch.CertificateRequest::requestId).toList();
    }
}
