package bank.ushield.idverification.checks;

import bank.ushield.idverification.CustomerRecord;
import bank.ushield.idverification.EvidenceMasker;
import bank.ushield.idverification.Finding;
import bank.ushield.idverification.PanHasher;
import bank.ushield.idverification.Verdict;
import bank.ushield.idverification.card.BankCardCheck;
import bank.ushield.idverification.card.BinTable;
import bank.ushield.idverification.card.CardData;
import bank.ushield.idverification.document.DocumentNumbers;
import bank.ushield.idverification.document.IdDocumentCheck;
import bank.ushield.idverification.document.DocumentToCheck;
import bank.ushield.idverification.eligibility.EligibilityCheck;
import bank.ushield.idverification.eligibility.EligibilityPolicy;
import bank.ushield.idverification.token.TokenIdentity;
import bank.ushield.idverification.token.TokenIdentityCheck;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The three counter checks wired with shipped tables, one entry point per check, for the renewal module's adapter.
 * The token check is token identity followed by eligibility: an identity failure is reported first; otherwise the
 * eligibility result carries both checks' evidence.
 */
public final class CounterChecks {

    private final IdDocumentCheck documents;
    private final BankCardCheck cards;
    private final TokenIdentityCheck tokens;
    private final EligibilityCheck eligibility;

    public CounterChecks(EligibilityPolicy policy, PanHasher hasher, Set<String> ownIssuerCodes, EvidenceMasker masker) {
        this.documents = new IdDocumentCheck(DocumentNumbers.withShippedRegions(), masker);
        this.cards = new BankCardCheck(BinTable.shipped(), ownIssuerCodes, hasher, masker);
        this.tokens = new TokenIdentityCheck(masker);
        this.eligibility = new EligibilityCheck(policy);
    }

    /** The bank's defaults: shipped policy, ICBC as own issuer, default masking. */
    public static CounterChecks defaults(PanHasher hasher) {
        return new CounterChecks(EligibilityPolicy.defaults(), hasher, Set.of("ICBC"), EvidenceMasker.DEFAULT);
    }

    public Finding identity(DocumentToCheck document, CustomerRecord customer, LocalDate visit) {
        return documents.check(document, customer, visit);
    }

    public Finding card(CardData card, CustomerRecord customer, LocalDate visit) {
        return cards.check(card, customer, visit);
    }

    /** Token identity, then eligibility of the registered token on the visit date. */
    public Finding token(TokenIdentity token, Optional<String> typedVoucher, CustomerRecord customer,
                             LocalDate visit) {
        Finding identity = tokens.check(token, typedVoucher, customer);
        if (identity.verdict() == Verdict.FAIL) {
            return identity;
        }
        CustomerRecord.Token registered = TokenIdentityCheck.registeredToken(token.serial(), customer).orElseThrow();
        Finding decision = eligibility.decide(registered, visit).toFinding();
        Map<String, String> evidence = new LinkedHashMap<>(identity.evidence());
        evidence.putAll(decision.evidence());
        if (decision.verdict() == Verdict.FAIL || identity.verdict() == Verdict.PASS) {
            return new Finding(decision.check(), decision.verdict(),
                    decision.reason() != null ? decision.reason() : identity.reason(), evidence);
        }
        // identity needs a manager (e.g. no certificate on the token): that stays the headline
        return new Finding(Finding.Check.TOKEN_IDENTITY, identity.verdict(), identity.reason(), evidence);
    }
}
