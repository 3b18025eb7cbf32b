package bank.ushield.renewal;

/**
 * The exchange with head office (the ca-sync module behind an adapter): export queued requests, and import whatever
 * answers are in the inbox, each answer moving its case through the cases package's HeadOfficeAnswers inside the import.
 */
public interface HeadOfficeLink {

    /**
     * Sends the queued requests and imports available answers. One exchange at a time: a call waits for the one
     * running (a case's step 6, the scheduled sync, "sync now"); an interrupt while waiting, or between sending and
     * reading the inbox, ends it with a {@link java.util.concurrent.CancellationException}.
     */
    SyncReport syncNow();

    /** A scheduled sync: runs now, or is skipped (empty) when another exchange is running. */
    default java.util.Optional<SyncReport> syncIfIdle() {
        return java.util.Optional.of(syncNow());
    }

    /**
     * What one sync did; {@code incidents} are what a person must act on beyond the figures (head office refused
     * a request batch for its audit anchor), to be explained in words.
     */
    record SyncReport(int requestsSent, int certificatesReceived, int rejections, java.util.List<Note> notes,
                      java.util.List<Problem> incidents) {

        public SyncReport {
            notes = java.util.List.copyOf(notes);
            incidents = java.util.List.copyOf(incidents);
        }

        /** A sync without notes or incidents. */
        public SyncReport(int requestsSent, int certificatesReceived, int rejections) {
            this(requestsSent, certificatesReceived, rejections, java.util.List.of(), java.util.List.of());
        }

        /** The notes as one line in the locale's words ("" when there are none). */
        public String detail(java.util.Locale locale) {
            return String.join("; ", notes.stream().map(n -> n.words(locale)).toList());
        }
    }

    /**
     * One thing worth telling about a sync beyond the figures, in words per language: a file put aside and why, a
     * file waiting for an earlier one, customers imported, a file left for the next sync.
     */
    record Note(Kind kind, java.util.List<String> args) {

        /** What happened to a file of the inbox. */
        public enum Kind {
            /** args: extract id, customers. */
            CUSTOMERS_IMPORTED,
            /** args: file, the head-office batch number it waits for. */
            WAITING,
            /** args: file, the rejection code (read as words). */
            QUARANTINED,
            /** args: file. */
            DEFERRED
        }

        public Note {
            args = java.util.List.copyOf(args);
        }

        /** The note in the locale's words; a rejection code in an argument reads as words too. */
        public String words(java.util.Locale locale) {
            java.util.ResourceBundle bundle = Problem.bundle(locale);
            Object[] shown = args.stream().map(a -> bundle.containsKey("batch." + a) ? bundle.getString("batch." + a)
                    : a).toArray();
            return new java.text.MessageFormat(bundle.getString("syncNote." + kind.name()), locale).format(shown);
        }
    }
}
