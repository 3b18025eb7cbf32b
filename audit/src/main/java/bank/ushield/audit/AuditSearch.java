package bank.ushield.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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

    AuditSearch(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One page of entries matching the query. */
    public AuditPage page(AuditQuery query) {
        return jdbi.withHandle(h -> {
            try {
                return page(h.getConnection(), query);
            } catch (SQLException e) {
                throw AuditLog.storageFailure(e);
            }
        });
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

    static AuditPage page(Connection c, AuditQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder(EntryRows.SELECT).append(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.from() != null) {
            sql.append(" AND at >= ?");
            args.add(AuditEntry.formatTime(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND at < ?");
            args.add(AuditEntry.formatTime(q.to()));
        }
        if (q.actor() != null) {
            sql.append(" AND actor = ?");
            args.add(q.actor());
        }
        if (q.caseId() != null) {
            sql.append(" AND case_id = ?");
            args.add(q.caseId());
        }
        if (q.customerRef() != null) {
            sql.append(" AND customer_ref = ?");
            args.add(q.customerRef());
        }
        if (!q.types().isEmpty()) {
            sql.append(" AND event_type IN (").append("?, ".repeat(q.types().size() - 1)).append("?)");
            q.types().stream().map(Enum::name).sorted().forEach(args::add);
        }
        if (q.outcome() != null) {
            sql.append(" AND outcome = ?");
            args.add(q.outcome().name());
            if (q.outcome() != AuditOutcome.OK) {
                // Lets SQLite use the partial index audit_entry_outcome (V11), which holds only non-OK entries.
                sql.append(" AND outcome <> 'OK'");
            }
        }
        if (q.after() != null) {
            sql.append(q.newestFirst() ? " AND (at, seq) < (?, ?)" : " AND (at, seq) > (?, ?)");
            args.add(q.after().at());
            args.add(q.after().seq());
        }
        String dir = q.newestFirst() ? " DESC" : "";
        sql.append(" ORDER BY at").append(dir).append(", seq").append(dir).append(" LIMIT ?");
        args.add(q.limit() + 1);
        try (PreparedStatement st = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                st.setObject(i + 1, args.get(i));
            }
            List<AuditEntry> out = new ArrayList<>(q.limit());
            boolean more = false;
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (out.size() == q.limit()) {
                        more = true;
                        break;
                    }
                    out.add(EntryRows.map(rs));
                }
            }
            Optional<AuditQuery.Cursor> next = more ? Optional.of(AuditQuery.Cursor.of(out.get(out.size() - 1)))
                    : Optional.empty();
            return new AuditPage(out, next);
        }
    }
}
