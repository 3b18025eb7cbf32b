package bank.ushield.renewal.training;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jdbi.v3.core.Jdbi;

import bank.ushield.db.Masking;
import bank.ushield.idverification.eligibility.Eligibility;
import bank.ushield.idverification.eligibility.EligibilityCheck;
import bank.ushield.idverification.eligibility.EligibilityPolicy;
import bank.ushield.idverification.CustomerRecord.CertificateStatus;
import bank.ushield.renewal.store.TrainingGuideStore;

/**
 * What a trainee needs to start practising without reading the manual: the training token PIN and which training
 * customer leads down which path of the renewal (ADR 0074). Names are masked as everywhere else; the customer
 * number is what the trainee types to find the customer.
 *
 * @param tokenPin  the PIN of every simulated training token (training data, not a secret)
 * @param customers the training customers, grouped by path
 * @param assigned  the scenarios the trainer assigned to the trainee reading the guide, oldest first
 */
public record TrainingGuide(String tokenPin, List<Customer> customers, List<Scenario> assigned) {

    /** The most customers the guide lists. */
    public static final int LIMIT = 200;

    /** The path a customer's visit takes, first matching rule wins. */
    public enum Path {
        /** Expired more than 30 days: the whole counter renewal. */
        COUNTER_RENEWAL,
        /** The identity document has run out: a manager authorises going on. */
        ID_EXPIRED,
        /** The bank card with online banking was reported lost: the card step refuses it. */
        CARD_LOST,
        /** No card with online banking: the card step refuses it. */
        ONLINE_BANKING_OFF,
        /** The registered U-shield was reported lost: the token step refuses it. */
        TOKEN_LOST,
        /** Inside the self-service window: the customer is sent to online banking (the case is closed). */
        SELF_SERVICE,
        /** Before the window opens: too early to renew. */
        TOO_EARLY,
        /** A revoked certificate or an end-of-life model: a new token from stock, not a renewal. */
        REPLACE_TOKEN,
        /** No certificate on record: a manager decides. */
        UNDETERMINED
    }

    /** One training customer: the number to type, the masked name, days since the certificate expired, the path. */
    public record Customer(String customerNo, String maskedName, Long daysSinceExpiry, Path path) {
    }

    public TrainingGuide {
        customers = List.copyOf(customers);
        assigned = List.copyOf(assigned);
    }

    /**
     * Training only: the guide of this workstation's training database (its clock, the shipped policy) for the
     * trainee {@code login}, with the scenarios assigned to them from the built-in and the trainer's scenarios.
     */
    public static java.util.Optional<TrainingGuide> of(bank.ushield.renewal.wiring.RenewalWorkstation ws, String login,
                                                       java.nio.file.Path trainerScenarios) {
        return ws.trainingWorld().map(w -> read(ws.database().jdbi(), bank.ushield.renewal.wiring.TrainingWorld.TOKEN_PIN,
                EligibilityPolicy.defaults(), ws.repositories().clock())
                .withAssigned(ScenarioTrainingDesk.assignedScenarios(ws, ScenarioLibrary.load(trainerScenarios), login)));
    }

    /** The same guide with these assigned scenarios. */
    public TrainingGuide withAssigned(List<Scenario> scenarios) {
        return new TrainingGuide(tokenPin, customers, scenarios);
    }

    /** Reads the guide from the training database as of today in the policy's zone. */
    public static TrainingGuide read(Jdbi jdbi, String tokenPin, EligibilityPolicy policy, Clock clock) {
        EligibilityCheck check = new EligibilityCheck(policy);
        LocalDate today = LocalDate.now(clock.withZone(policy.zone()));
        List<Customer> out = new ArrayList<>();
        for (TrainingGuideStore.Row r : new TrainingGuideStore(jdbi).rows(LIMIT)) {
            Long days = null;
            Path path;
            if (r.certificateNotAfter() == null) {
                path = Path.UNDETERMINED;
            } else {
                CertificateStatus status = "REVOKED".equals(r.certificateStatus()) ? CertificateStatus.REVOKED
                        : CertificateStatus.ACTIVE;
                var decision = check.decide(r.certificateNotAfter(), status, today);
                days = decision.daysAfterExpiry().orElse(null);
                path = path(r, decision.eligibility(), today);
            }
            out.add(new Customer(r.customerNo(), Masking.name(r.name()), days, path));
        }
        out.sort(Comparator.comparing(Customer::path).thenComparing(Customer::customerNo));
        return new TrainingGuide(tokenPin, out, List.of());
    }

    private static Path path(TrainingGuideStore.Row r, Eligibility eligibility, LocalDate today) {
        if ("LOST".equals(r.tokenStatus())) {
            return Path.TOKEN_LOST;
        }
        if (r.onlineCards() == 0) {
            return r.lostOnlineCards() > 0 ? Path.CARD_LOST : Path.ONLINE_BANKING_OFF;
        }
        return switch (eligibility) {
            case COUNTER_RENEWAL_REQUIRED -> r.idValidTo() != null && r.idValidTo().isBefore(today) ? Path.ID_EXPIRED
                    : Path.COUNTER_RENEWAL;
            case SELF_SERVICE_WINDOW -> Path.SELF_SERVICE;
            case TOO_EARLY -> Path.TOO_EARLY;
            case REPLACE_TOKEN -> Path.REPLACE_TOKEN;
            case UNDETERMINED -> Path.UNDETERMINED;
        };
    }
}
