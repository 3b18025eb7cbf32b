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
     * a request batch for its audit anchor), to be explained in words; {@code detail} is for the log.
     *
     * @param customersImported customers of the customer extracts imported
     * @param leftInInbox       files that wait in the inbox (a gap in head office's numbering, or not applicable yet)
     * @param quarantined       files moved to quarantine (not head office's, damaged, replayed)
     */
    record SyncReport(int requestsSent, int certificatesReceived, int rejections, String detail,
                      java.util.List<Problem> incidents, int customersImported, int leftInInbox, int quarantined) {

        public SyncReport {
            incidents = java.util.List.copyOf(incidents);
        }

        /** A sync without incidents. */
        public SyncReport(int requestsSent, int certificatesReceived, int rejections, String detail) {
            this(requestsSent, certificatesReceived, rejections, detail, java.util.List.of(), 0, 0, 0);
        }

        /** Nothing was sent, received, imported or left waiting. */
        public boolean nothingHappened() {
            return requestsSent == 0 && certificatesReceived == 0 && rejections == 0 && customersImported == 0
                    && leftInInbox == 0 && quarantined == 0 && incidents.isEmpty() && detail.isBlank();
        }
    }
}
