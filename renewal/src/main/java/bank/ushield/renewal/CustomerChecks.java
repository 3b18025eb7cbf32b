package bank.ushield.renewal;

import java.time.LocalDate;
import java.util.Optional;

/** The three checks of a counter renewal (the id-verification rules behind an adapter). */
public interface CustomerChecks {

    CheckResult identity(CustomerSummary customer, PresentedDocument document, LocalDate today);

    CheckResult card(CustomerSummary customer, PresentedCard card, LocalDate today);

    /**
     * Token identity (registered serial and status, the media voucher number the teller typed from the token's label,
     * every certificate on the token on record and naming the customer) and eligibility (days since expiry, windows,
     * revoked or end-of-life tokens).
     */
    CheckResult token(CustomerSummary customer, PresentedToken token, Optional<String> typedVoucher, LocalDate today);
}
