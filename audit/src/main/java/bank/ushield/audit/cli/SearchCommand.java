package bank.ushield.audit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import bank.ushield.audit.AuditEntry;
import bank.ushield.audit.AuditPage;
import bank.ushield.audit.AuditQuery;
import bank.ushield.audit.AuditSearch;
import bank.ushield.audit.AuditVerifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code audit search}: filtered, paged listing of entries. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Lists entries matching the filters, by time.")
final class SearchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--db", required = true, description = "The workstation database file.")
    Path db;

    @Mixin
    FilterOptions filters = new FilterOptions();

    @Option(names = "--limit", defaultValue = "50", description = "Entries per page (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--all", description = "Print every page, not just the first.")
    boolean all;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // A missing, empty or foreign file is refused before anything opens it for writing (issue 21).
        String notAuditLog = AuditVerifier.notAnAuditLog(db);
        if (notAuditLog != null) {
            spec.commandLine().getErr().println("Not an audit log: " + notAuditLog);
            return VerifyCommand.UNREADABLE;
        }
        // Read-only and never migrated: searching the evidence must not change it (issue 21).
        AuditSearch search = AuditSearch.readOnly(db);
        AuditQuery q = filters.query(limit).build();
        long shown = 0;
        while (true) {
            AuditPage page = search.page(q);
            for (AuditEntry e : page.entries()) {
                out.printf("%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s%n", e.seq(), e.atText(), e.actor(), e.role(), e.type(),
                        e.outcome(), e.caseId() == null ? "-" : e.caseId(), e.customerRef() == null ? "-" : e.customerRef(),
                        e.details());
                shown++;
            }
            if (!all || page.next().isEmpty()) {
                if (page.next().isPresent()) {
                    out.printf("(%d shown; more: use --all)%n", shown);
                } else {
                    out.printf("(%d shown)%n", shown);
                }
                return 0;
            }
            q = q.after(page.next().get());
        }
    }
}
