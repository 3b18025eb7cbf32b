package bank.ushield.db;

/** State of a registered U-shield; a LOST token must not be renewed. */
public enum TokenStatus {
    ACTIVE, LOST, REPLACED, END_OF_LIFE
}
