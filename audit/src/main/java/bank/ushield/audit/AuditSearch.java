package bank.ushield.audit;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.jdbi.v3.core.Jdbi;

import bank.ushield.db.Database;

/**
 * Searches the audit log with a manager's filters, served by the indexes of V10__audit.sql (time; actor, case,
 * customer, event type and outcome each with time), one page at a time.
 */
public final class AuditSearch {

    private final Jdbi jdbi;

    public AuditSearch(Database database) {
        this(database.jdbi());
    }

    /** Searches {@code file} opened read-only and without migrations: reading the evidence never changes it. */
    public static AuditSearch readOnly(java.nio.file.Path file) {
        return new AuditSearch(AuditSchemaStore.readOnly(file));
    }

    AuditSearch(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One page of entries matching the query. */
    public AuditPage page(AuditQuery query) {
        AuditEntryStore.Page page = jdbi.withHandle(h -> AuditEntryStore.page(h, query));
        List<AuditEntry> out = page.entries();
        return new AuditPage(out, page.more() ? Optional.of(AuditQuery.Cursor.of(out.get(out.size() - 1)))
                : Optional.empty());
    }

    /** Every entry matching the query, page by page, in order (for exports). */
    public long forEach(AuditQuery query, Consumer<AuditEntry> sink) {
        long n = 0;
        AuditQuery q = query;
        while (true) {
            AuditPage page = page(q);
            page.entries().forEach(sink);
            n += page.entries().size();
            if (page.next().isEmpty()) {
                return n;
            }
            q = q.after(page.next().get());
        }
    }
}
