package bank.ushield.teller.error;

import bank.ushield.renewal.ProblemExplainer;

/** Why the workstation refused to start in the chosen mode; the Errors bundle explains each (Error.start.&lt;CODE&gt;). */
public enum StartRefusal {
    /** Production needs the keystore password in USHIELD_KEYSTORE_PASSWORD and it is not set. */
    KEYSTORE_PASSWORD_MISSING,
    /** The workstation keystore is missing: never replaced by a new key at start (teller-app setup makes it once). */
    KEYSTORE_MISSING,
    /** The workstation keystore does not open with the given password (or the file is damaged). */
    KEYSTORE_UNREADABLE,
    /** Production settings are incomplete (module, head-office folder or certificates). */
    NOT_CONFIGURED,
    /** The production database does not know this workstation: it was not set up (teller-app setup). */
    NOT_SET_UP,
    /** The production database holds training data. */
    TRAINING_DATA_IN_PRODUCTION,
    /** The training database holds production data. */
    PRODUCTION_DATA_IN_TRAINING,
    /** The branch database settings are unusable: password file missing or readable by others, user not set. */
    BRANCH_DATABASE_SETTINGS,
    /** On a branch database, the branch's card-matching key file is missing (a made-up one would not match). */
    BRANCH_CARD_KEY_MISSING,
    /** The card-matching key file is gone while the database's bank cards were hashed with a key (ADR 0097). */
    CARD_KEY_LOST,
    /** The card-matching key file holds another key than the one the database's bank cards are hashed with. */
    CARD_KEY_NOT_THE_DATABASES;

    /** An exception that says why the start was refused (the composition root's start failure). */
    public interface Carrier extends ProblemExplainer.Coded {
        StartRefusal refusal();

        @Override
        default String problemCode() {
            return "start." + refusal().name();
        }
    }
}
