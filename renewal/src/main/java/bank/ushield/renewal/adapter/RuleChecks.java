package bank.ushield.renewal.adapter;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import bank.ushield.db.Repositories;
import bank.ushield.idverification.checks.CounterChecks;
import bank.ushield.idverification.CustomerRecord;
import bank.ushield.idverification.DocumentType;
import bank.ushield.idverification.EvidenceMasker;
import bank.ushield.idverification.Finding;
import bank.ushield.idverification.ReasonCode;
import bank.ushield.idverification.Verdict;
import bank.ushield.idverification.card.BankCardCheck;
import bank.ushield.idverification.card.CardData;
import bank.ushield.idverification.document.DocumentToCheck;
import bank.ushield.idverification.eligibility.Eligibility;
import bank.ushield.idverification.eligibility.EligibilityCheck;
import bank.ushield.idverification.eligibility.EligibilityDecision;
import bank.ushield.idverification.eligibility.EligibilityPolicy;
import bank.ushield.renewal.CheckResult;
import bank.ushield.renewal.CustomerChecks;
import bank.ushield.renewal.CustomerSummary;
import bank.ushield.renewal.Outcome;
import bank.ushield.renewal.PresentedCard;
import bank.ushield.renewal.PresentedDocument;
import bank.ushield.renewal.PresentedToken;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.RenewalException;
import bank.ushield.idverification.token.TokenIdentity;

/**
 * The three checks on the id-verification rules, with the customer read from the db repositories. Reason codes
 * are id-verification's {@link ReasonCode} names. Exceptions that need a manager: an expired identity document
 * (another document accepted), and a counter renewal the customer insists on inside the self-service window.
 */
public final class RuleChecks implements CustomerChecks {

    private static final EvidenceMasker MASK = EvidenceMasker.DEFAULT;

    private final Repositories repos;
    private final BankCardCheck cards;
    private final EligibilityCheck eligibility;
    private final CounterChecks counter;

    public RuleChecks(Repositories repos, bank.ushield.db.CardMatchingKey panHasher, EligibilityPolicy policy) {
        this.repos = repos;
        this.cards = BankCardCheck.icbc(pan -> panHasher.hash(pan));
        this.eligibility = new EligibilityCheck(policy);
        this.counter = new CounterChecks(policy, pan -> panHasher.hash(pan), Set.of("ICBC"), MASK);
    }

    private CustomerRecord record(CustomerSummary customer) {
        return DbCustomerRecord.load(repos, customer.id())
                .orElseThrow(() -> new RenewalException(ProblemCode.CUSTOMER_NOT_FOUND, customer.customerNo()));
    }

    @Override
    public CheckResult identity(CustomerSummary customer, PresentedDocument document, LocalDate today) {
        DocumentType type;
        try {
            type = DocumentType.valueOf(document.docType());
        } catch (IllegalArgumentException | NullPointerException e) {
            return CheckResult.fail(CheckResult.Check.IDENTITY, ReasonCode.DOCUMENT_TYPE_NOT_ACCEPTED,
                    Map.of("docType", String.valueOf(document.docType())));
        }
        CustomerRecord record = record(customer);
        return convert(CheckResult.Check.IDENTITY, counter.identity(presented(type, document, record), record, today));
    }

    /**
     * Renewal's document in id-verification's form. A null validTo is a long-term card; when the teller typed no
     * validity at all, the registered document's validity stands in (as before the rules moved to id-verification).
     */
    private static DocumentToCheck presented(
            DocumentType type, PresentedDocument d, CustomerRecord record) {
        Optional<LocalDate> from = Optional.ofNullable(d.validFrom());
        Optional<LocalDate> to = Optional.ofNullable(d.validTo());
        if (from.isEmpty() && to.isEmpty() && d.number() != null) {
            Optional<CustomerRecord.Document> registered = record.documents().stream()
                    .filter(r -> r.type() == type && r.number().equalsIgnoreCase(d.number().strip())).findFirst();
            if (registered.isPresent()) {
                from = registered.get().validFrom();
                to = registered.get().validTo();
            }
        }
        return new DocumentToCheck(type, d.number(), d.name(),
                Optional.empty(), Optional.ofNullable(d.birthDate()), from, to, to.isEmpty(), Optional.empty(),
                d.fromReader() ? DocumentToCheck.Source.ID_CARD_READER : DocumentToCheck.Source.MANUAL);
    }

    @Override
    public CheckResult card(CustomerSummary customer, PresentedCard card, LocalDate today) {
        CardData data = card.fromChip()
                ? new CardData(card.pan(), Optional.ofNullable(card.chipExpiry()), Optional.empty(), Optional.empty(),
                        CardData.Source.CHIP)
                : CardData.manual(card.pan());
        Finding r = cards.check(data, record(customer), today);
        return convert(CheckResult.Check.CARD, r);
    }

    @Override
    public CheckResult token(CustomerSummary customer, PresentedToken token, Optional<String> typedVoucher,
                             LocalDate today) {
        CustomerRecord record = record(customer);
        Optional<String> voucher = typedVoucher == null ? Optional.empty() : typedVoucher;
        Finding r = counter.token(new TokenIdentity(
                token.serial(), token.model(), token.certificates().stream()
                        .map(c -> new TokenIdentity.Certificate(
                                c.serial().toString(16), c.issuer(), c.subject())).toList()), voucher, record, today);
        Map<String, Object> ev = new LinkedHashMap<>(r.evidence());
        if (token.pinLocked()) {
            ev.put("pinLocked", true);
        }
        if (r.verdict() == Verdict.PASS && r.reason() == ReasonCode.SELF_SERVICE_AVAILABLE) {
            // The customer could renew online; renewing at the counter anyway is a manager's exception.
            return CheckResult.needsManager(CheckResult.Check.TOKEN, ReasonCode.SELF_SERVICE_AVAILABLE, ev);
        }
        if (token.pinLocked() && r.verdict() != Verdict.FAIL) {
            // The customer's own token, but its PIN is locked: no renewal (nor self-service) until it is unlocked,
            // so the teller hears it at the token check, not later from the PIN prompt.
            return CheckResult.fail(CheckResult.Check.TOKEN, ReasonCode.PIN_LOCKED, ev);
        }
        CheckResult converted = convert(CheckResult.Check.TOKEN, r);
        Map<String, Object> all = new LinkedHashMap<>(converted.evidence());
        all.putAll(ev);
        return new CheckResult(converted.check(), converted.verdict(), converted.code(), all);
    }

    private static CheckResult convert(CheckResult.Check check, Finding r) {
        Map<String, Object> ev = new LinkedHashMap<>(r.evidence());
        if (r.verdict() == Verdict.PASS && r.reason() != null) {
            ev.put("note", r.reason().name()); // e.g. a 15-digit number converted: the teller may mention it
        }
        return switch (r.verdict()) {
            case PASS -> CheckResult.pass(check, ev);
            case FAIL -> CheckResult.fail(check, r.reason(), ev);
            case NEEDS_MANAGER -> CheckResult.needsManager(check, r.reason(), ev);
        };
    }
}
