package bank.ushield.db;

/** State of a bank card in the bank's records; only ACTIVE cards pass the card check. */
public enum CardStatus {
    ACTIVE, LOST, CLOSED, FROZEN
}
