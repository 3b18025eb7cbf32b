package bank.ushield.renewal;

/**
 * The exchange with head office (the ca-sync module behind an adapter): export queued requests, and import whatever
 * answers are in the inbox, each answer moving its case through the cases package's HeadOfficeAnswers inside the import.
 */
public interface HeadOfficeLink {

    /** Sends the queued requests and imports available answers. */
    SyncReport syncNow();

    /** What one sync did. */
    record SyncReport(int requestsSent, int certificatesReceived, int rejections, String detail) {
    }
}
