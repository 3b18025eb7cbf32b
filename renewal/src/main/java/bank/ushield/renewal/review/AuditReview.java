package bank.ushield.renewal.review;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * What the manager's screens ask of the audit log. Swing-free and called off the EDT; {@link AuditLogReview} is
 * the adapter over the audit module. Every query returns one page at most, so screens stay fast on millions of
 * entries.
 */
public interface AuditReview {

    /** How many entries match (the table's page count comes from it). */
    long count(ReviewFilter query);

    /** One page of matching entries in the given order. */
    List<ReviewRow> page(ReviewFilter query, AuditSort sort, long offset, int limit);

    /** The chart series of the review's statistics tab over the days {@code from} to {@code toInclusive}. */
    ReviewCharts charts(LocalDate from, LocalDate toInclusive);

    /** The entry with its masked details and its inclusion proof against the latest signed tree head. */
    EntryDetail detail(long seq);

    /** Recomputes every leaf, node, root and signed head; reports entries checked so far. */
    VerifyOutcome verify(LongConsumer progress);

    /**
     * The branch's workstations whose logs the review reads, this one first (docs/adr/0089); one entry on a
     * workstation with its own SQLite file, where the screens show no workstation column or filter.
     */
    default List<ReviewWorkstation> workstations() {
        return List.of();
    }

    /**
     * Verifies every workstation's log of the branch, each against its own signed heads and key and head office's
     * acknowledgement of it; reports entries checked so far across the branch. One outcome on a SQLite file.
     */
    default List<WorkstationOutcome> verifyBranch(LongConsumer progress) {
        return List.of(new WorkstationOutcome(null, null, true, verify(progress)));
    }

    /** The entry {@code seq} of {@code workstation}'s log (null: this workstation's), as {@link #detail(long)}. */
    default EntryDetail detail(String workstation, long seq) {
        return detail(seq);
    }

    /** A day's exceptions and failures (failed or refused entries, authorisations, aborts), oldest first. */
    List<ReviewRow> attention(LocalDate day, int limit);

    /** The review state of each day in the range, oldest first. */
    List<DayStatus> days(LocalDate from, LocalDate toInclusive);

    /**
     * Signs a closed day off: appends the sign-off entry naming the current signed tree head. On a branch database
     * the day is the branch's: every workstation's log is verified first (one broken log refuses the sign-off,
     * naming its workstation), the exceptions are every workstation's, and the entry, in this workstation's log,
     * names the verified head of every log it covered. The day's exceptions
     * that {@code managerLogin} authorised are not covered by this signature alone: the entry lists them as flagged
     * for the next level ({@link #ownAuthorisations}).
     *
     * @return the day's status after the sign-off
     * @throws ReviewException when the day is not over yet or is already signed off
     */
    DayStatus signOff(LocalDate day, String managerLogin, String comment);

    /**
     * As {@link #signOff(LocalDate, String, String)}, with a second manager who co-signs the exceptions the signer
     * authorised (separation of duties, ADR 0074): with a co-signer who logs in here, those exceptions are covered by
     * two managers and no longer flagged. The password is wiped before this returns.
     *
     * @throws ReviewException CO_SIGNER_SAME, CO_SIGNER_NOT_A_MANAGER or CO_SIGNER_INVOLVED, and the login's own
     *                         refusals (wrong password, locked account) as a RenewalException
     */
    default DayStatus signOff(LocalDate day, String managerLogin, String comment, CoSigner coSigner) {
        if (coSigner != null) {
            coSigner.wipe();
            throw new ReviewException(ReviewException.Reason.CO_SIGN_UNAVAILABLE, day);
        }
        return signOff(day, managerLogin, comment);
    }

    /**
     * The customer receipt of a case as a PDF, made again from the case as it is now (the review's "receipt" of a
     * case's entries, ADR 0074). @throws RenewalException CASE_NOT_FOUND when the case is not in this database
     */
    default byte[] receiptPdf(long caseId) {
        throw new UnsupportedOperationException("receipts are not wired to this review");
    }

    /** A second manager's login and password, typed at the signer's screen; {@link #wipe()} clears the password. */
    record CoSigner(String login, char[] password) {
        public void wipe() {
            java.util.Arrays.fill(password, '\0');
        }

        @Override
        public String toString() {
            return "CoSigner[" + login + "]";
        }
    }

    /**
     * The branch's blank-token count per state, reconciled against the movement history (ADR 0077); the sign-off
     * records it in its entry, and a count that does not reconcile is flagged there for the next level.
     */
    bank.ushield.renewal.StockCount stockCount();

    /** Entries and time since head office's newest acknowledgement of the log: the window an insider could still touch. */
    UnanchoredWindow unanchored();

    /** The day's exceptions that {@code managerLogin} authorised (separation of duties: flagged, not signed alone). */
    List<ReviewRow> ownAuthorisations(LocalDate day, String managerLogin);

    /** Writes the matching entries as the audit module's CSV (stored codes, for tools). */
    void exportCsv(ReviewFilter query, Path file);

    /**
     * Writes the matching entries as a CSV a manager opens in Excel: UTF-8 with a byte-order mark, headers and
     * labels in the screen's language, the receipt's case numbers, time in the branch's zone. Reports rows written;
     * stops with a CancellationException when the thread is interrupted (no partial file is left).
     *
     * @return the number of rows written
     */
    long exportCsv(ReviewFilter query, Path file, CsvTexts texts, LongConsumer progress);

    /**
     * Writes a signed evidence package for an inspector (entries, signed tree head, proofs, signature) into
     * {@code folder}, recorded as made by {@code managerLogin}; returns the summary PDF.
     */
    Path exportEvidence(ReviewFilter query, Path folder, String managerLogin);
}
