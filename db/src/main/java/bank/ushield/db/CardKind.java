package bank.ushield.db;

/** Debit or credit card. */
public enum CardKind {
    DEBIT, CREDIT
}
