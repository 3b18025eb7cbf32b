package bank.ushield.casync.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bouncycastle.cert.X509CertificateHolder;

import bank.ushield.casync.format.BatchFormat;
import bank.ushield.casync.format.BatchRejectedException;
import bank.ushield.casync.format.CustomerExtract;
import bank.ushield.casync.format.CustomerExtract.ExtractCard;
import bank.ushield.casync.format.CustomerExtract.ExtractCustomer;
import bank.ushield.casync.format.RequestBatch;
import bank.ushield.casync.format.ResponseBatch;
import bank.ushield.casync.format.SignedBatchReader;
import bank.ushield.casync.headoffice.HeadOfficeCa;
import bank.ushield.casync.headoffice.HeadOfficeSimulator;
import bank.ushield.casync.headoffice.RejectionPolicy;
import bank.ushield.db.CardKind;
import bank.ushield.db.CardStatus;
import bank.ushield.db.CardMatchingKey;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The ca-sync command line: the head-office simulator, batch verification, and the benchmark. */
@Command(name = "ca-sync", mixinStandardHelpOptions = true,
        description = "Head-office batch exchange tools (U-shield counter renewal workstation).",
        subcommands = {CaSyncCommand.HeadOffice.class, CaSyncCommand.Verify.class, CaSyncCommand.Bench.class})
public final class CaSyncCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new CaSyncCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The simulated head office, kept in a folder. */
    @Command(name = "head-office", mixinStandardHelpOptions = true,
            description = "Simulated head-office CA: create, register workstations, answer request batches.",
            subcommands = {Init.class, Register.class, KeyHandover.class, Process.class, ReportLost.class, WriteCustomerExtract.class})
    static final class HeadOffice implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    /** Creates the simulator's CA and sync key. */
    @Command(name = "init", mixinStandardHelpOptions = true, description = "Create (or open) the simulated head office.")
    static final class Init implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--dir", required = true, description = "Folder of the simulated head office.")
        Path dir;

        @Override
        public Integer call() throws Exception {
            HeadOfficeSimulator.open(dir, Clock.systemUTC());
            PrintWriter out = spec.commandLine().getOut();
            out.println("Head office ready in " + dir);
            out.println("CA certificate:   " + dir.resolve("ca-cert.pem"));
            out.println("Pin on branches:  " + dir.resolve("sync-cert.pem"));
            return 0;
        }
    }

    /** Registers the certificate a workstation signs with. */
    @Command(name = "register", mixinStandardHelpOptions = true, description = "Register a workstation's signing certificate.")
    static final class Register implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--dir", required = true)
        Path dir;
        @Option(names = "--workstation", required = true, description = "Workstation id, e.g. 0102-W03.")
        String workstation;
        @Option(names = "--cert", required = true, description = "The workstation's certificate (PEM or DER).")
        Path cert;

        @Override
        public Integer call() throws Exception {
            HeadOfficeSimulator.open(dir, Clock.systemUTC()).registerWorkstation(workstation, HeadOfficeCa.readCert(cert));
            spec.commandLine().getOut().println("Registered " + workstation);
            return 0;
        }
    }

    /** Takes a workstation's key hand-over (ADR 0080). */
    @Command(name = "key-handover", mixinStandardHelpOptions = true,
            description = "Take a workstation's key rotation: the statement must be signed by the key registered now. "
                    + "Both keys are accepted until the overlap ends, then only the new one. Exit code 0 taken, 2 refused.")
    static final class KeyHandover implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--dir", required = true)
        Path dir;
        @Option(names = "--workstation", required = true, description = "Workstation id, e.g. 0102-W03.")
        String workstation;
        @Option(names = "--new-cert", required = true, description = "The new certificate (workstation-new.pem).")
        Path newCert;
        @Option(names = "--statement", required = true, description = "The hand-over statement (key-handover.txt).")
        Path statement;
        @Option(names = "--signature", required = true, description = "The old key's signature (key-handover.sig).")
        Path signature;
        @Option(names = "--overlap-days", defaultValue = "30", description = "Days the old key stays accepted (default 30).")
        int overlapDays;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Clock clock = Clock.systemUTC();
            try {
                HeadOfficeSimulator.open(dir, clock).presentKeyHandover(workstation, HeadOfficeCa.readCert(newCert),
                        java.nio.file.Files.readAllBytes(statement), java.nio.file.Files.readAllBytes(signature),
                        clock.instant().plus(java.time.Duration.ofDays(overlapDays)));
            } catch (HeadOfficeSimulator.HandoverRefusedException e) {
                out.println("Refused: " + e.getMessage() + ".");
                return 2;
            }
            out.println("Key hand-over of " + workstation + " taken; the old key is accepted for " + overlapDays
                    + " more days.");
            return 0;
        }
    }

    /** Answers one request batch. */
    @Command(name = "process", mixinStandardHelpOptions = true,
            description = "Verify a request batch, issue or reject each request, write the signed response batch.")
    static final class Process implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--dir", required = true)
        Path dir;
        @Option(names = "--request", required = true, description = "The request batch file (REQ-...p7m).")
        Path request;
        @Option(names = "--out", required = true, description = "Folder to write the response batch into (the branch inbox).")
        Path out;
        @Option(names = "--reject", description = "Reject a request: CASE_NO=reason (repeatable).")
        Map<String, String> reject = new LinkedHashMap<>();

        @Override
        public Integer call() throws Exception {
            PrintWriter w = spec.commandLine().getOut();
            try {
                var p = HeadOfficeSimulator.open(dir, Clock.systemUTC()).process(request, out,
                        RejectionPolicy.byRequestId(reject));
                w.printf("%s answered with %s: %d issued, %d rejected, %d revoked%n", request.getFileName(),
                        p.responseFile().getFileName(), p.issued(), p.rejected(), p.revoked());
                if (p.anchorRefused()) {
                    spec.commandLine().getErr().println("Audit anchor refused: " + p.anchorRefusal());
                    return 3;
                }
                return 0;
            } catch (BatchRejectedException e) {
                spec.commandLine().getErr().println("Refused (" + e.code() + "): " + e.getMessage());
                return 2;
            }
        }
    }

    /** Queues a lost-token notice for a workstation. */
    @Command(name = "report-lost", mixinStandardHelpOptions = true,
            description = "Tell a workstation (in its next response batch) that a token was reported lost.")
    static final class ReportLost implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--dir", required = true)
        Path dir;
        @Option(names = "--workstation", required = true)
        String workstation;
        @Option(names = "--token", required = true, description = "Token serial.")
        String token;
        @Option(names = "--note", defaultValue = "reported lost")
        String note;

        @Override
        public Integer call() throws Exception {
            HeadOfficeSimulator.open(dir, Clock.systemUTC()).reportTokenLost(workstation, token, note);
            spec.commandLine().getOut().println("Queued: token " + token + " lost, for " + workstation);
            return 0;
        }
    }

    /**
     * Writes a signed customer extract for a branch from a JSON list of customers in the extract's form, where a card
     * may give its number in clear as {@code "pan"} (hashed here with the branch's card-matching key, never written).
     */
    @Command(name = "customer-extract", mixinStandardHelpOptions = true,
            description = "Write the branch's next signed customer extract (CUS-...p7m) into a branch inbox.")
    static final class WriteCustomerExtract implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--dir", required = true)
        Path dir;
        @Option(names = "--branch", required = true, description = "Branch code, e.g. 0102.")
        String branch;
        @Option(names = "--customers", required = true,
                description = "JSON array of customers (docs/customer-extract.md); a card may have \"pan\" instead of its hash.")
        Path customers;
        @Option(names = "--card-key", required = true,
                description = "The branch's card-matching key (card-matching.key of its workstations, 32 bytes).")
        Path cardKey;
        @Option(names = "--out", required = true, description = "Folder to write the extract into (the branch inbox).")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(cardKey)) {
                spec.commandLine().getErr().println("Refused: the card-matching key " + cardKey + " does not exist");
                return 2;
            }
            CardMatchingKey hasher = CardMatchingKey.loadOrCreate(cardKey);
            ObjectMapper json = new ObjectMapper();
            JsonNode list = json.readTree(customers.toFile());
            for (JsonNode customer : list) {
                JsonNode cards = customer.path("cards");
                for (int i = 0; i < cards.size(); i++) {
                    JsonNode card = cards.get(i);
                    if (card.has("pan")) {
                        ExtractCard hashed = ExtractCard.of(card.get("pan").asText(), hasher,
                                CardKind.valueOf(card.path("kind").asText("DEBIT")),
                                card.path("onlineBanking").asBoolean(true),
                                CardStatus.valueOf(card.path("status").asText("ACTIVE")));
                        ((ArrayNode) cards).set(i, json.valueToTree(hashed));
                    }
                }
            }
            List<ExtractCustomer> parsed = json.convertValue(list, new TypeReference<List<ExtractCustomer>>() { });
            var written = HeadOfficeSimulator.open(dir, Clock.systemUTC())
                    .writeCustomerExtract(branch, CustomerExtract.cardKeyCheck(hasher), parsed, out);
            spec.commandLine().getOut().printf("Wrote %s: %s%n", written.file(), written.manifest());
            return 0;
        }
    }

    /** Verifies any batch file against a pinned certificate and prints its manifest. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify a batch file's signature against a pinned certificate and print what it holds.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--pinned", required = true, description = "The sender's certificate (PEM or DER); a PEM "
                + "file may hold several (head-office key rollover): each is trusted inside its validity period.")
        Path pinned;
        @Parameters(index = "0", description = "The batch file.")
        Path file;
        @Option(names = "--acknowledgement-out", description = "Write a response's audit acknowledgement here, in the "
                + "file form 'audit verify --anchor' reads.")
        Path acknowledgementOut;

        @Override
        public Integer call() throws Exception {
            List<X509CertificateHolder> certs = HeadOfficeCa.readCerts(pinned);
            PrintWriter w = spec.commandLine().getOut();
            try {
                var v = new SignedBatchReader(certs, SignedBatchReader.DEFAULT_MAX_BYTES).read(file);
                X509CertificateHolder cert = v.signer();
                String text = new String(v.payload(), java.nio.charset.StandardCharsets.UTF_8);
                w.println("Signature OK, signer " + v.signer().getSubject() + ", file SHA-256 " + v.fileSha256());
                if (text.contains("\"kind\":\"CUSTOMER_EXTRACT\"")) {
                    CustomerExtract x = CustomerExtract.decode(v.payload());
                    w.printf("CUSTOMER_EXTRACT %s for branch %s: %s%n", x.extractId(), x.branch(), x.manifest());
                } else if (text.contains("\"kind\":\"REQUEST\"")) {
                    RequestBatch b = BatchFormat.decodeRequest(v.payload());
                    w.printf("REQUEST batch %d of %s: %s%n", b.sequence(), b.workstation(), b.manifest());
                } else {
                    ResponseBatch b = BatchFormat.decodeResponse(v.payload());
                    w.printf("RESPONSE batch %d for %s: %s%n", b.sequence(), b.workstation(), b.manifest());
                    if (b.auditAcknowledgement() != null) {
                        var ack = b.auditAcknowledgement().toAnchor();
                        boolean ok = ack.verify(bank.ushield.casync.format.Pki.publicKey(cert));
                        w.printf("audit acknowledged: %d entries of %s at %s (signature %s)%n", ack.treeSize(),
                                ack.workstation(), b.auditAcknowledgement().acknowledgedAt(), ok ? "OK" : "INVALID");
                        if (acknowledgementOut != null) {
                            java.nio.file.Files.writeString(acknowledgementOut, ack.signedNote());
                        }
                    }
                    if (b.auditAnchorRefusal() != null) {
                        w.printf("audit anchor refused for request batch %d: %s%n",
                                b.auditAnchorRefusal().requestSequence(), b.auditAnchorRefusal().reason());
                    }
                }
                return 0;
            } catch (BatchRejectedException e) {
                spec.commandLine().getErr().println("Refused (" + e.code() + "): " + e.getMessage());
                return 2;
            }
        }
    }

    /** The benchmark of docs/performance.md. */
    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Export N requests and import an N-certificate response batch; print time and heap.")
    static final class Bench implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--count", defaultValue = "10000")
        int count;
        @Option(names = "--dir", description = "Work folder (default: a new temporary folder).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            Path work = dir != null ? dir : Files.createTempDirectory("ca-sync-bench-");
            PrintWriter w = spec.commandLine().getOut();
            long max = Runtime.getRuntime().maxMemory();
            w.printf("ca-sync bench: %d items, %d cores, max heap %d MB, folder %s%n", count,
                    Runtime.getRuntime().availableProcessors(), max >> 20, work);
            for (SyncBench.Phase p : SyncBench.run(work, count)) {
                w.printf("%-30s %6d items %7d ms wall %7d ms cpu  heap peak %4d MB (before %3d MB)  file %5.1f MB%n",
                        p.name(), p.items(), p.millis(), p.cpuMillis(), p.peakHeapBytes() >> 20, p.baselineHeapBytes() >> 20,
                        p.fileBytes() / 1048576.0);
            }
            return 0;
        }
    }
}
