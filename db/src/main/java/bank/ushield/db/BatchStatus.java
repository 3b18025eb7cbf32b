package bank.ushield.db;

/** Where a head-office batch stands: written to the outbox, sent, imported from the inbox, or set aside. */
public enum BatchStatus {
    WRITTEN, SENT, IMPORTED, QUARANTINED
}
