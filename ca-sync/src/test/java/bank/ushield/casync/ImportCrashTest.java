package bank.ushield.casync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.casync.ImportResult.Imported;
import bank.ushield.casync.headoffice.HeadOfficeCa;
import bank.ushield.casync.headoffice.HeadOfficeSimulator;
import bank.ushield.casync.headoffice.RejectionPolicy;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

/** A failure between any two steps of applying a batch leaves the database as it was; a retry then succeeds. */
@ParameterizedClass
@EnumSource(bank.ushield.db.Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class ImportCrashTest {

    @Parameter
    bank.ushield.db.Engine engine;


    @TempDir
    Path tmp;

    @Test
    void failureBetweenAnyTwoStepsChangesNothing(DatabaseFile file, PostgresDatabase pg) throws Exception {
        Branch branch = new Branch(TestDatabases.open(engine, file, pg, Branch.WS), Branch.WS, 0, tmp.resolve("sync"));
        HeadOfficeSimulator headOffice = HeadOfficeSimulator.open(tmp.resolve("headoffice"), Branch.CLOCK, HeadOfficeCa.KeyAlgorithm.EC_P256);
        headOffice.registerWorkstation(Branch.WS, branch.signer.certificate());
        String issued = branch.queueCase(null);
        String rejected = branch.queueCase(null);
        var batch = branch.exporter().export().orElseThrow();
        headOffice.reportTokenLost(Branch.WS, "TOK1", "by phone");
        headOffice.process(batch.file(), branch.folders.inbox(), RejectionPolicy.byRequestId(Map.of(rejected, "no")));
        Path response;
        try (var files = Files.list(branch.folders.inbox())) {
            response = files.findFirst().orElseThrow();
        }

        for (ImportStep failAt : ImportStep.values()) {
            String before = withoutFailureEvents(branch.dump());
            ResponseBatchImporter crashing = new ResponseBatchImporter(branch.jdbi, Branch.WS, branch.folders,
                    headOffice.syncCertificate(), new CaseStateResponseListener(Branch.CLOCK), branch.audit, Branch.CLOCK,
                    64L << 20, step -> {
                        if (step == failAt) {
                            throw new IllegalStateException("injected failure after " + step);
                        }
                    });

            assertThatThrownBy(() -> crashing.importFile(response))
                    .isInstanceOf(CaSyncException.class)
                    .satisfies(e -> assertThat(((CaSyncException) e).code()).isEqualTo(CaSyncException.Code.IMPORT_FAILED))
                    .hasRootCauseMessage("injected failure after " + failAt);

            assertThat(withoutFailureEvents(branch.dump())).as("after a failure at %s", failAt).isEqualTo(before);
            assertThat(response).as("the file stays in the inbox for a retry").exists();
            assertThat(branch.auditTypes()).endsWith(ResponseBatchImporter.EVENT_FAILED);
        }

        // The retry without a fault applies everything.
        ImportResult result = branch.importer(headOffice.syncCertificate()).importFile(response);
        assertThat(result).isInstanceOf(Imported.class);
        assertThat(branch.state(issued)).isEqualTo("CERT_RECEIVED");
        assertThat(branch.state(rejected)).isEqualTo("ABORTED");
    }

    /** The failure's own audit event is the one row a failed import adds, on purpose. */
    private static String withoutFailureEvents(String dump) {
        return dump.replaceAll("(?m)^.*type=" + ResponseBatchImporter.EVENT_FAILED + ".*\\n", "");
    }
}
