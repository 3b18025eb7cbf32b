package bank.ushield.idverification;

/** The three answers a check can give the teller. */
public enum Verdict {
    /** The check holds; the case may go on. */
    PASS,
    /** The check does not hold; the case cannot go on on this evidence. */
    FAIL,
    /** The check cannot pass on its own; a branch manager may authorise the exception (dual control). */
    NEEDS_MANAGER
}
