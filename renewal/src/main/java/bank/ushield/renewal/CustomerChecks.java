package bank.ushield.renewal;

import java.time.LocalDate;

/** The three checks of a counter renewal (the id-verification rules behind an adapter). */
public interface CustomerChecks {

    CheckResult identity(CustomerSummary customer, PresentedDocument document, LocalDate today);

    CheckResult card(CustomerSummary customer, PresentedCard card, LocalDate today);

    /** Token identity and eligibility (days since expiry, windows, revoked or end-of-life tokens). */
    CheckResult token(CustomerSummary customer, PresentedToken token, LocalDate today);
}
