package bank.ushield.casync.store;

import org.jdbi.v3.core.Handle;

/** The customer reference data a head-office customer extract writes (customer, identity_document, bank_card, token). */
public final class CustomerExtractStore {

    private CustomerExtractStore() {
    }

    /** How many bank cards (hashed with the current card-matching key) the database holds. */
    public static long bankCardCount(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM bank_card").mapTo(Long.class).one();
    }
}
