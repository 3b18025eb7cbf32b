package bank.ushield.audit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.audit.AuditVerifier;
import bank.ushield.audit.VerifyReport;
import bank.ushield.db.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code audit verify}: recompute the tree, check signed heads, name the first bad entry. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Recomputes every leaf and root, checks signed tree heads; exit 0 when intact, 1 when not.")
final class VerifyCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--db", required = true, description = "The workstation database file.")
    Path db;

    @Option(names = "--cert", description = "Trusted workstation certificate (PEM); repeatable. Without it, the "
            + "certificates stored in the file are used.")
    List<Path> certs = new ArrayList<>();

    @Option(names = "--record", description = "Record the result as an AUDIT_VERIFIED entry by --by.")
    boolean record;

    @Option(names = "--by", defaultValue = "inspector", description = "Login of who verified (with --record).")
    String actor;

    @Option(names = "--by-role", defaultValue = "MANAGER", description = "Their role (with --record).")
    String role;

    @Option(names = "--workstation", description = "Workstation id for the recorded entry (with --record).")
    String workstation;

    @CommandLine.Mixin
    AnchorOptions anchor = new AnchorOptions();

    @Override
    public Integer call() throws IOException, CertificateException {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.exists(db)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "No database file at " + db);
        }
        Database database = Database.open(db);
        List<X509Certificate> trusted = new ArrayList<>();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        for (Path p : certs) {
            try (InputStream in = Files.newInputStream(p)) {
                trusted.add((X509Certificate) cf.generateCertificate(in));
            }
        }
        long start = System.nanoTime();
        VerifyReport report = AuditVerifier.verify(database.jdbi(), trusted);
        long ms = (System.nanoTime() - start) / 1_000_000;
        out.println(report.summary());
        out.printf("(%d ms; signatures checked against %s)%n", ms,
                trusted.isEmpty() ? "certificates stored in the file" : trusted.size() + " trusted certificate(s)");
        if (record) {
            try (AuditLog log = AuditLog.open(database, workstation == null ? "cli" : workstation)) {
                log.append(AuditEvent.builder(AuditEventType.AUDIT_VERIFIED, report.ok() ? AuditOutcome.OK : AuditOutcome.FAILED)
                        .actor(actor, role)
                        .detail("entries", report.entries())
                        .detail("rootHash", report.head().rootHex())
                        .detail("problem", report.ok() ? null : report.problem().kind().name())
                        .detail("firstBadSeq", report.ok() ? null : report.problem().seq())
                        .build());
            }
        }
        boolean anchored = anchor.check(database.jdbi(), workstation, out); // issue 21: head office's acknowledgement
        return report.ok() && anchored ? 0 : 1;
    }
}
