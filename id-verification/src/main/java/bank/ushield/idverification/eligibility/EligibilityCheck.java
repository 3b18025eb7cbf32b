package bank.ushield.idverification.eligibility;

import bank.ushield.idverification.CustomerRecord;
import bank.ushield.idverification.CustomerRecord.CertificateStatus;
import bank.ushield.idverification.ReasonCode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Optional;

/**
 * Applies the {@link EligibilityPolicy} to a registered token on the visit date. Days are counted between
 * calendar dates in the policy's zone (day 0 is the expiry date), so leap days count as ordinary days.
 */
public final class EligibilityCheck {

    private final EligibilityPolicy policy;

    public EligibilityCheck(EligibilityPolicy policy) {
        this.policy = policy;
    }

    public EligibilityPolicy policy() {
        return policy;
    }

    /** The verdict for a registered token: its newest non-superseded certificate decides. */
    public EligibilityDecision decide(CustomerRecord.Token token, LocalDate visit) {
        if (token.status() == CustomerRecord.TokenStatus.END_OF_LIFE || policy.isEndOfLife(token.model())) {
            return new EligibilityDecision(Eligibility.REPLACE_TOKEN, Optional.empty(), Optional.empty(),
                    ReasonCode.REPLACE_TOKEN_END_OF_LIFE);
        }
        Optional<CustomerRecord.Certificate> current = token.certificates().stream()
                .filter(c -> c.status() != CertificateStatus.SUPERSEDED)
                .max(Comparator.comparing(CustomerRecord.Certificate::notAfter));
        if (current.isEmpty()) {
            return new EligibilityDecision(Eligibility.UNDETERMINED, Optional.empty(), Optional.empty(),
                    ReasonCode.NO_CERTIFICATE_ON_RECORD);
        }
        return decide(current.get().notAfter(), current.get().status(), visit);
    }

    /** The verdict for one certificate (its notAfter instant and status) on the visit date. */
    public EligibilityDecision decide(Instant notAfter, CertificateStatus status, LocalDate visit) {
        return decide(notAfter.atZone(policy.zone()).toLocalDate(), status, visit);
    }

    /** The verdict for a certificate expiring on {@code expiry} (a date in the policy's zone). */
    public EligibilityDecision decide(LocalDate expiry, CertificateStatus status, LocalDate visit) {
        long days = ChronoUnit.DAYS.between(expiry, visit);
        Optional<LocalDate> e = Optional.of(expiry);
        Optional<Long> d = Optional.of(days);
        if (status == CertificateStatus.REVOKED) {
            return new EligibilityDecision(Eligibility.REPLACE_TOKEN, e, d, ReasonCode.REPLACE_TOKEN_REVOKED);
        }
        if (days > policy.selfServiceDaysAfterExpiry()) {
            return new EligibilityDecision(Eligibility.COUNTER_RENEWAL_REQUIRED, e, d, null);
        }
        if (days >= -policy.selfServiceDaysBeforeExpiry()) {
            return new EligibilityDecision(Eligibility.SELF_SERVICE_WINDOW, e, d, ReasonCode.SELF_SERVICE_AVAILABLE);
        }
        return new EligibilityDecision(Eligibility.TOO_EARLY, e, d, ReasonCode.TOO_EARLY);
    }
}
