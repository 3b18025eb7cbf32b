package bank.ushield.teller.wizard;

import bank.ushield.db.CaseState;
import bank.ushield.renewal.RenewalCase;

/** The steps of the renewal wizard, in order; each is one panel. */
public enum WizardStep {
    CUSTOMER, ID_DOCUMENT, BANK_CARD, TOKEN, REPERSONALISE, HEAD_OFFICE, INSTALL, RECEIPT;

    /** The step a case in its state continues with. */
    public static WizardStep of(RenewalCase c) {
        if (c == null) {
            return CUSTOMER;
        }
        return of(c.state());
    }

    static WizardStep of(CaseState state) {
        return switch (state) {
            case OPENED -> ID_DOCUMENT;
            case ID_VERIFIED -> BANK_CARD;
            case CARD_VERIFIED -> TOKEN;
            case TOKEN_VERIFIED, KEY_GENERATED -> REPERSONALISE;
            case CSR_QUEUED -> HEAD_OFFICE;
            case CERT_RECEIVED, CERT_INSTALLED -> INSTALL;
            case COMPLETED, ABORTED -> RECEIPT;
        };
    }

    public WizardStep previous() {
        return this == CUSTOMER ? CUSTOMER : values()[ordinal() - 1];
    }

    public WizardStep next() {
        return this == RECEIPT ? RECEIPT : values()[ordinal() + 1];
    }
}
