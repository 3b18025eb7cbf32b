package bank.ushield.teller.wizard;

import bank.ushield.renewal.RenewalCase;

/** The steps of the renewal wizard, in order; each is one panel. */
public enum WizardStep {
    CUSTOMER, ID_DOCUMENT, BANK_CARD, TOKEN, REPERSONALISE, HEAD_OFFICE, INSTALL, RECEIPT;

    /** The step a case in its state continues with. */
    public static WizardStep of(RenewalCase c) {
        if (c == null) {
            return CUSTOMER;
        }
        return switch (c.counterStep()) {
            case ID_DOCUMENT -> ID_DOCUMENT;
            case BANK_CARD -> BANK_CARD;
            case TOKEN -> TOKEN;
            case REPERSONALISE -> REPERSONALISE;
            case HEAD_OFFICE -> HEAD_OFFICE;
            case INSTALL -> INSTALL;
            case CLOSED -> RECEIPT;
        };
    }

    public WizardStep previous() {
        return this == CUSTOMER ? CUSTOMER : values()[ordinal() - 1];
    }

    public WizardStep next() {
        return this == RECEIPT ? RECEIPT : values()[ordinal() + 1];
    }
}
