package bank.ushield.renewal;

/**
 * The exchange with head office (the ca-sync module behind an adapter): export queued requests, and import whatever
 * answers are in the inbox, each answer moving its case through the cases package's HeadOfficeAnswers inside the import.
 */
public interface HeadOfficeLink {

    /** Sends the queued requests and imports available answers. */
    SyncReport syncNow();

    /**
     * What one sync did; {@code incidents} are what a person must act on beyond the figures (head office refused
     * a request batch for its audit anchor), to be explained in words.
     */
    record SyncReport(int requestsSent, int certificatesReceived, int rejections, String detail,
                      java.util.List<Problem> incidents) {

        public SyncReport {
            incidents = java.util.List.copyOf(incidents);
        }

        /** A sync without incidents. */
        public SyncReport(int requestsSent, int certificatesReceived, int rejections, String detail) {
            this(requestsSent, certificatesReceived, rejections, detail, java.util.List.of());
        }
    }
}
