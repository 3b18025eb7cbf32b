package bank.ushield.audit;

import java.util.List;
import java.util.Optional;

/** One page of search results and, when there are more, the cursor of the next page. */
public record AuditPage(List<AuditEntry> entries, Optional<AuditQuery.Cursor> next) {

    public boolean hasMore() {
        return next.isPresent();
    }
}
