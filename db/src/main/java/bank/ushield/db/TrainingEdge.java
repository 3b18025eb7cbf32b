package bank.ushield.db;

/** A training customer made to fail one check on purpose (the generator adds one of each). */
public enum TrainingEdge {
    /** The resident ID card ran out 20 days ago. */
    ID_CARD_EXPIRED,
    /** The card with online banking was reported lost. */
    CARD_LOST,
    /** The customer's only card has online banking switched off. */
    ONLINE_BANKING_OFF,
    /** The registered U-shield was reported lost. */
    TOKEN_LOST
}
