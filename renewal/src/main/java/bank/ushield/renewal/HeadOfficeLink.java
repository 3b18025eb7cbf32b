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
     * a request batch for its audit anchor), to be explained in words. {@code batchSent} is true for any request
     * batch written, a checkpoint-only one (no request, no revocation: the audit log's anchor) included;
     * {@code responseBatches} counts head office's batches imported, {@code acknowledged} whether one of them
     * carried head office's acknowledgement of the audit log.
     */
    record SyncReport(int requestsSent, int certificatesReceived, int rejections, java.util.List<Note> notes,
                      java.util.List<Problem> incidents, int revocationsSent, boolean batchSent, int responseBatches,
                      int crlsReceived, boolean acknowledged) {

        public SyncReport {
            notes = java.util.List.copyOf(notes);
            incidents = java.util.List.copyOf(incidents);
        }

        /** A sync that sent at most requests and imported at most certificates and rejections. */
        public SyncReport(int requestsSent, int certificatesReceived, int rejections, java.util.List<Note> notes,
                          java.util.List<Problem> incidents) {
            this(requestsSent, certificatesReceived, rejections, notes, incidents, 0, requestsSent > 0,
                    certificatesReceived + rejections > 0 ? 1 : 0, 0, false);
        }

        /** A sync without notes or incidents. */
        public SyncReport(int requestsSent, int certificatesReceived, int rejections) {
            this(requestsSent, certificatesReceived, rejections, java.util.List.of(), java.util.List.of());
        }

        /**
         * True when the sync did nothing at all: no batch went out (not even a checkpoint), no head-office batch
         * came in, and no file of the inbox is worth a note.
         */
        public boolean nothingDone() {
            return !batchSent && responseBatches == 0 && certificatesReceived == 0 && rejections == 0
                    && notes.isEmpty() && incidents.isEmpty();
        }

        /** The notes as one line in the locale's words ("" when there are none). */
        public String detail(java.util.Locale locale) {
            return String.join("; ", notes.stream().map(n -> n.words(locale)).toList());
        }

        /**
         * What was sent and what was imported, in the locale's words ("Sent: 2 requests. Imported: 1 head-office
         * batch: 2 certificates, head office's acknowledgement of the audit log."), or that there was nothing to do.
         */
        public String words(java.util.Locale locale) {
            java.util.ResourceBundle b = Problem.bundle(locale);
            String and = b.getString("syncReport.and");
            java.util.List<String> sent = new java.util.ArrayList<>();
            count(b, locale, sent, "syncReport.requests", requestsSent);
            count(b, locale, sent, "syncReport.revocations", revocationsSent);
            if (batchSent && requestsSent == 0 && revocationsSent == 0) {
                sent.add(b.getString("syncReport.checkpoint"));
            }
            java.util.List<String> got = new java.util.ArrayList<>();
            count(b, locale, got, "syncReport.certificates", certificatesReceived);
            count(b, locale, got, "syncReport.rejections", rejections);
            count(b, locale, got, "syncReport.crls", crlsReceived);
            if (acknowledged) {
                got.add(b.getString("syncReport.acknowledgement"));
            }
            java.util.List<String> lines = new java.util.ArrayList<>();
            if (!sent.isEmpty()) {
                lines.add(format(b, locale, "syncReport.sent", String.join(and, sent)));
            }
            if (responseBatches > 0) {
                lines.add(format(b, locale, "syncReport.imported", responseBatches,
                        got.isEmpty() ? b.getString("syncReport.empty") : String.join(and, got)));
            }
            if (lines.isEmpty() && nothingDone()) {
                lines.add(b.getString("syncReport.nothing"));
            }
            return String.join(b.getString("syncReport.between"), lines);
        }

        private static void count(java.util.ResourceBundle b, java.util.Locale locale, java.util.List<String> into,
                                  String key, int n) {
            if (n > 0) {
                into.add(format(b, locale, key, n));
            }
        }

        private static String format(java.util.ResourceBundle b, java.util.Locale locale, String key, Object... args) {
            return new java.text.MessageFormat(b.getString(key), locale).format(args);
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
