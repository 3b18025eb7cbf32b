package bank.ushield.casync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.cms.CMSSignedData;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.casync.RequestBatchExporter.ExportedBatch;
import bank.ushield.casync.format.BatchFormat;
import bank.ushield.casync.format.RequestBatch;
import bank.ushield.casync.format.RequestBatch.RevocationRequest;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

/**
 * Revocations queued on their own (docs/adr/0050) make a batch even when no request waits, and go out once (the
 * exporter marks them with the batch row's id).
 */
@ParameterizedClass
@EnumSource(bank.ushield.db.Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class QueuedRevocationExportTest {

    @Parameter
    bank.ushield.db.Engine engine;


    @TempDir
    Path tmp;

    /** An in-memory queue that remembers what was marked sent. */
    static final class Queue implements RevocationQueue {
        final List<QueuedRevocation> waiting = new ArrayList<>();
        final List<Long> sentInBatch = new ArrayList<>();
        final java.util.Map<Long, List<QueuedRevocation>> sent = new java.util.HashMap<>();

        @Override
        public List<QueuedRevocation> unsent(Handle handle) {
            return List.copyOf(waiting);
        }

        @Override
        public void markSent(Handle handle, List<QueuedRevocation> sent, long batchId) {
            waiting.removeAll(sent);
            sent.forEach(q -> sentInBatch.add(batchId));
            this.sent.computeIfAbsent(batchId, b -> new ArrayList<>()).addAll(sent);
        }

        @Override
        public int resend(Handle handle, long batchId) {
            List<QueuedRevocation> back = sent.getOrDefault(batchId, List.of());
            waiting.addAll(back);
            sent.remove(batchId);
            return back.size();
        }
    }

    @Test
    void aQueuedRevocationAloneMakesABatchAndGoesOutOnce(DatabaseFile file, PostgresDatabase pg) throws Exception {
        Branch branch = new Branch(TestDatabases.open(engine, file, pg, Branch.WS), Branch.WS, 0, tmp.resolve("sync"));
        Queue queue = new Queue();
        RequestBatchExporter exporter = new RequestBatchExporter(branch.jdbi, Branch.WS, branch.folders, branch.signer,
                branch.audit, AuditCheckpointSource.none(), queue, Branch.CLOCK);
        assertThat(exporter.export()).as("nothing waits").isEmpty();

        queue.waiting.add(new RevocationQueue.QueuedRevocation(7, new RevocationRequest("C000009",
                "CN=Issuing CA,C=CN", "1a2b", "ab".repeat(32), "cessationOfOperation")));
        ExportedBatch batch = exporter.export().orElseThrow();

        assertThat(batch.requests()).isZero();
        assertThat(batch.revocations()).isEqualTo(1);
        assertThat(queue.sentInBatch).containsExactly(batch.batchId());
        CMSSignedData cms = new CMSSignedData(Files.readAllBytes(batch.file()));
        RequestBatch payload = BatchFormat.decodeRequest((byte[]) cms.getSignedContent().getContent());
        assertThat(payload.manifest().revocations()).isEqualTo(1);
        assertThat(payload.revocations()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("cessationOfOperation");
            assertThat(r.serialHex()).isEqualTo("1a2b");
        });
        assertThat(exporter.export()).as("sent once").isEmpty();
    }
}
