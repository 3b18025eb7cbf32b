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
import bank.ushield.audit.AuditSchemaStore;
import bank.ushield.audit.AuditVerifier;
import bank.ushield.audit.VerifyReport;
import bank.ushield.db.BranchDatabaseSettings;
import bank.ushield.db.Database;
import bank.ushield.db.DatabaseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code audit verify}: opens the file read-only, checks schema and integrity, recomputes the tree, checks signed
 * heads, names the first bad entry. Exit codes: {@link #INTACT}, {@link #TAMPERED}, {@link #UNREADABLE}.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Opens the database read-only; checks the audit schema (tables, triggers, indexes), SQLite's "
                + "integrity, the search indexes against a full scan, every leaf, node and signed tree head.",
                "Exit 0: intact. 2: tampered or damaged (the first bad entry is named). 3: no such file, not a "
                        + "SQLite database, or no audit log in it. 64: wrong usage."})
final class VerifyCommand implements Callable<Integer> {

    /** Every check passed. */
    static final int INTACT = 0;
    /** The log or its file was changed or damaged. */
    static final int TAMPERED = 2;
    /** The file is missing, empty, not SQLite, or holds no audit log. */
    static final int UNREADABLE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--db", description = "The workstation database file (or the --branch-database options).")
    Path db;

    @Option(names = "--branch-database-url", paramLabel = "JDBC-URL",
            description = "Verify --workstation's log in the branch's PostgreSQL database instead of a file "
                    + "(read-only connection; the password from USHIELD_DB_PASSWORD or --branch-database-password-file).")
    String branchUrl;

    @Option(names = "--branch-database-user", paramLabel = "USER", description = "The database user to read as.")
    String branchUser;

    @Option(names = "--branch-database-password-file", paramLabel = "FILE",
            description = "Owner-only file whose first line is the password (USHIELD_DB_PASSWORD wins when set).")
    Path branchPasswordFile;

    @Option(names = "--cert", description = "Trusted workstation certificate (PEM); repeatable. Without it, the "
            + "certificates stored in the file are used.")
    List<Path> certs = new ArrayList<>();

    @Option(names = "--thorough", description = "Also run SQLite's full integrity check of the whole file (every page, "
            + "every index against its table) on logs above 250,000 entries, where by default the content checks and "
            + "SQLite's check of the small audit tables run (IT's periodic check; the daily sign-off always runs it).")
    boolean thorough;

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
        List<X509Certificate> trusted = new ArrayList<>();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        for (Path p : certs) {
            try (InputStream in = Files.newInputStream(p)) {
                trusted.add((X509Certificate) cf.generateCertificate(in));
            }
        }
        if (branchUrl != null) {
            return verifyBranch(out, trusted);
        }
        if (db == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Give --db FILE, or --branch-database-url with --branch-database-user and --workstation");
        }
        long start = System.nanoTime();
        // Read-only: the evidence file is neither created nor migrated nor written by verifying it.
        VerifyReport report = AuditVerifier.verifyFile(db, trusted,
                thorough ? AuditVerifier.Depth.THOROUGH : AuditVerifier.Depth.CONTENT);
        long ms = (System.nanoTime() - start) / 1_000_000;
        out.println(report.summary());
        out.printf("(%d ms; signatures checked against %s)%n", ms,
                trusted.isEmpty() ? "certificates stored in the file" : trusted.size() + " trusted certificate(s)");
        notProven(out, report, !trusted.isEmpty());
        if (record && !report.unreadable()) {
            try (Database database = Database.open(db);
                 AuditLog log = AuditLog.open(database, workstation == null ? "cli" : workstation)) {
                log.append(AuditEvent.builder(AuditEventType.AUDIT_VERIFIED, report.ok() ? AuditOutcome.OK : AuditOutcome.FAILED)
                        .actor(actor, role)
                        .detail("entries", report.entries())
                        .detail("rootHash", report.head().rootHex())
                        .detail("problem", report.ok() ? null : report.problem().kind().name())
                        .detail("firstBadSeq", report.ok() ? null : report.problem().seq())
                        .build());
            }
        }
        if (report.unreadable()) {
            return UNREADABLE;
        }
        // Issue 21: head office's acknowledgement catches a truncation or rollback the file alone cannot show.
        boolean anchored = anchor.check(AuditSchemaStore.readOnly(db), workstation, out);
        return report.ok() && anchored ? INTACT : TAMPERED;
    }

    /** One workstation's log in the branch database, over a read-only connection as that workstation. */
    private int verifyBranch(PrintWriter out, List<X509Certificate> trusted) throws IOException, CertificateException {
        if (workstation == null || branchUser == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--branch-database-url needs --branch-database-user and --workstation (whose log to verify)");
        }
        if (record) {
            out.println("Refused: --record writes to the log; on a branch database the verification is recorded from "
                    + "the manager's screen at that workstation. Nothing was verified.");
            return UNREADABLE;
        }
        java.util.Properties p = new java.util.Properties();
        p.setProperty(BranchDatabaseSettings.URL_KEY, branchUrl);
        p.setProperty(BranchDatabaseSettings.USER_KEY, branchUser);
        if (branchPasswordFile != null) {
            p.setProperty(BranchDatabaseSettings.PASSWORD_FILE_KEY, branchPasswordFile.toString());
        }
        long start = System.nanoTime();
        try (Database database = Database.openReadOnly(BranchDatabaseSettings.fromSettings(p, workstation,
                System::getenv))) {
            VerifyReport report = AuditVerifier.verify(database.jdbi(), trusted);
            out.println(workstation + ": " + report.summary());
            out.printf("(%d ms; signatures checked against %s)%n", (System.nanoTime() - start) / 1_000_000,
                    trusted.isEmpty() ? "certificates stored in the database" : trusted.size() + " trusted certificate(s)");
            notProven(out, report, !trusted.isEmpty());
            if (report.unreadable()) {
                return UNREADABLE;
            }
            boolean anchored = anchor.check(database.jdbi(), workstation, out);
            return report.ok() && anchored ? INTACT : TAMPERED;
        } catch (DatabaseException e) {
            out.println("Cannot read the branch database: " + e.getMessage());
            return UNREADABLE;
        }
    }

    /**
     * An intact log that no signed tree head covers yet is only consistent with itself: whoever could write the
     * database could have written every entry and its hashes, and a certificate given proves nothing. Said in words,
     * since "0 signed tree heads checked" reads like a pass; so is a tail of entries after the newest signed head.
     */
    static void notProven(PrintWriter out, VerifyReport report, boolean certificateGiven) {
        if (!report.ok() || report.entries() <= report.signedEntries()) {
            return;
        }
        String since = "The workstation signs a tree head at each head-office sync, audit export and daily sign-off";
        if (report.checkpointsChecked() == 0) {
            out.println("NOT PROVEN: no signed tree head covers this log yet, so no signature vouches for its "
                    + report.entries() + " entries" + (certificateGiven ? " and the certificate given proved nothing"
                    : "") + ". The hashes only show that the entries agree with each other; anyone able to write the "
                    + "database could have written them all. " + since + ": verify again after the next one.");
        } else {
            out.println("Not yet signed: entries " + report.signedEntries() + " to " + (report.entries() - 1)
                    + " came after the newest signed tree head (over " + report.signedEntries() + " entries); only "
                    + "their hashes vouch for them. " + since + ".");
        }
    }
}
