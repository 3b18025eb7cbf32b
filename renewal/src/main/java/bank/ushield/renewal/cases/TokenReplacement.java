package bank.ushield.renewal.cases;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.db.CaseState;
import bank.ushield.renewal.CaseEvents;
import bank.ushield.renewal.CheckResult;
import bank.ushield.renewal.Outcome;
import bank.ushield.renewal.PresentedToken;
import bank.ushield.renewal.Problem;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.RenewalCase;
import bank.ushield.renewal.RenewalException;
import bank.ushield.renewal.Replacement;
import bank.ushield.renewal.ReplacementPolicy;
import bank.ushield.renewal.ReplacementReason;
import bank.ushield.renewal.StockItem;
import bank.ushield.renewal.StockState;
import bank.ushield.renewal.store.CaseStore;
import bank.ushield.renewal.store.ManagerAuthorisationStore;
import bank.ushield.renewal.store.ReplacementStore;
import bank.ushield.renewal.store.TokenStockStore;
import bank.ushield.token.pin.PinPrompter;
import bank.ushield.token.pin.PinRequest;
import bank.ushield.token.pin.PinStatus;

/**
 * The replacement of the customer's token from branch stock (ADR 0077): a case like a renewal whose token step takes
 * a blank from the teller's box, initialises it with the PIN the customer chooses, and then runs the renewal's own
 * key, request, install and self-test steps on it; the old token is retired before the case completes, and the blank
 * is issued in the completion's transaction.
 */
final class TokenReplacement {

    private static final Logger LOG = LoggerFactory.getLogger(TokenReplacement.class);
    /** How many times the customer may choose and confirm a new PIN before the step is refused. */
    static final int NEW_PIN_ROUNDS = 3;
    static final int PIN_MIN = 6;
    static final int PIN_MAX = 8;
    static final String NEW_TOKEN_LABEL = "U-shield";

    private final CaseSteps steps;
    private final ReplacementStore replacements = new ReplacementStore();
    private final TokenStockStore stock = new TokenStockStore();
    private final ManagerAuthorisationStore authorisations = new ManagerAuthorisationStore();

    TokenReplacement(CaseSteps steps) {
        this.steps = steps;
    }

    Optional<Replacement> find(Handle h, long caseId) {
        return replacements.find(h, caseId);
    }

    Optional<Replacement> find(long caseId) {
        return steps.tx(h -> replacements.find(h, caseId));
    }

    /** The teller chooses to replace the token: before the token check, or where the token check cannot go on. */
    Outcome choose(long caseId, ReplacementReason reason) {
        return steps.tx(h -> {
            RenewalCase c = steps.store.require(h, caseId);
            if (!EnumSet.of(CaseState.OPENED, CaseState.ID_VERIFIED, CaseState.CARD_VERIFIED).contains(c.state())) {
                throw new RenewalException(ProblemCode.STEP_NOT_ALLOWED, c.caseNo(), c.state(), "replaceToken");
            }
            if (c.awaitingManager() && c.state() != CaseState.CARD_VERIFIED) {
                throw new RenewalException(ProblemCode.AWAITING_MANAGER, c.caseNo(), c.pendingException());
            }
            if (replacements.find(h, caseId).isPresent()) {
                return new Outcome.Advanced(c);
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reason", reason.name());
            if (c.awaitingManager()) {
                // the token check's exception no longer matters: the old token is not renewed
                details.put("withdrawnException", c.pendingException());
                authorisations.withdrawPending(h, caseId, steps.now());
            }
            replacements.insert(h, caseId, reason, c.tokenId(), steps.actor.login(), steps.now());
            steps.journal(h, c, CaseEvents.REPLACEMENT_CHOSEN, "SUCCESS", details);
            LOG.info("Case {}: token replacement chosen ({})", c.caseNo(), reason);
            return new Outcome.Advanced(steps.store.require(h, caseId));
        });
    }

    /**
     * The third check of a replacement: the token in the reader is a blank of the teller's box with the voucher number
     * typed from its label; CARD_VERIFIED -> TOKEN_VERIFIED, the blank held for the case. Refusals change nothing.
     */
    Outcome verifyNewToken(long caseId, String typedVoucher) {
        RenewalCase c = steps.requireStep(caseId, CaseState.CARD_VERIFIED, "verifyNewToken");
        if (find(caseId).isEmpty()) {
            return new Outcome.Refused(c, Problem.of(ProblemCode.NOT_A_REPLACEMENT, c.caseNo()));
        }
        String voucher = typedVoucher == null ? "" : typedVoucher.strip();
        Optional<StockItem> byVoucher = steps.tx(h -> stock.byVoucher(h, voucher));
        PresentedToken presented = steps.token().read(byVoucher.map(StockItem::serial).orElse(null));
        return steps.tx(h -> {
            RenewalCase fresh = steps.requireStepIn(h, caseId, CaseState.CARD_VERIFIED, "verifyNewToken");
            Optional<StockItem> item = stock.bySerial(h, presented.serial());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("check", CheckResult.Check.TOKEN.name());
            details.put("newTokenSerial", presented.serial());
            if (!voucher.isEmpty()) {
                details.put("voucher", voucher); // nothing typed is no voucher, not a blank one
            }
            Problem problem = null;
            if (item.isEmpty()) {
                problem = Problem.of(ProblemCode.STOCK_NOT_IN_STOCK, presented.serial());
            } else if (item.get().state() == StockState.ISSUED) {
                problem = Problem.of(ProblemCode.STOCK_ALREADY_ISSUED, presented.serial(), item.get().caseNo());
            } else if (!item.get().mediaVoucherNo().equals(voucher)) {
                problem = Problem.of(ProblemCode.STOCK_VOUCHER_MISMATCH);
            } else if (item.get().state() != StockState.TELLER_BOX
                    || !steps.actor.login().equals(item.get().tellerLogin())) {
                problem = Problem.of(ProblemCode.STOCK_NOT_IN_YOUR_BOX, presented.serial());
            } else if (item.get().caseNo() != null && !item.get().caseNo().equals(fresh.caseNo())) {
                problem = Problem.of(ProblemCode.STOCK_RESERVED, presented.serial(), item.get().caseNo());
            }
            if (problem != null) {
                details.put("verdict", "FAIL");
                details.put("code", problem.code().name());
                steps.journal(h, fresh, CaseEvents.CHECK_FAILED, "FAILURE", details);
                return new Outcome.Refused(fresh, problem);
            }
            stock.reserve(h, item.get().id(), caseId);
            replacements.setStock(h, caseId, item.get().id(), presented.manufacturer());
            steps.store.setProgress(h, caseId, CaseStore.ProgressColumn.TOKEN_SERIAL, presented.serial());
            steps.store.setProgress(h, caseId, CaseStore.ProgressColumn.OLD_KEY_ID, null);
            details.put("verdict", "PASS");
            details.put("model", item.get().model());
            return new Outcome.Advanced(steps.advance(h, steps.store.require(h, caseId), CaseState.TOKEN_VERIFIED,
                    details));
        });
    }

    /**
     * Initialises the new token with the PIN the customer chooses on the PIN entry, typed twice (never stored, never
     * logged); the case stays in TOKEN_VERIFIED and may go on to the key step.
     */
    Outcome initialiseNewToken(long caseId, PinPrompter pin) {
        RenewalCase c = steps.requireStep(caseId, CaseState.TOKEN_VERIFIED, "initialiseNewToken");
        if (find(caseId).isEmpty()) {
            return new Outcome.Refused(c, Problem.of(ProblemCode.NOT_A_REPLACEMENT, c.caseNo()));
        }
        if (c.newKeyId() != null) {
            // the key step started on this token: initialising again would destroy the key it may hold
            throw new RenewalException(ProblemCode.STEP_NOT_ALLOWED, c.caseNo(), c.state(), "initialiseNewToken");
        }
        ProblemCode last = null;
        for (int round = 0; round < NEW_PIN_ROUNDS; round++) {
            boolean again = last != null;
            char[] first = pin.promptPin(new PinRequest(c.tokenSerial(), NEW_TOKEN_LABEL, PinStatus.OK, again,
                    PinRequest.Purpose.CHOOSE_NEW));
            if (first == null) {
                throw new RenewalException(ProblemCode.PIN_ENTRY_CANCELLED, "initialiseNewToken");
            }
            if (first.length < PIN_MIN || first.length > PIN_MAX) {
                Arrays.fill(first, '\0');
                last = ProblemCode.NEW_PIN_INVALID;
                continue;
            }
            char[] second = pin.promptPin(new PinRequest(c.tokenSerial(), NEW_TOKEN_LABEL, PinStatus.OK, false,
                    PinRequest.Purpose.CONFIRM_NEW));
            if (second == null) {
                Arrays.fill(first, '\0');
                throw new RenewalException(ProblemCode.PIN_ENTRY_CANCELLED, "initialiseNewToken");
            }
            boolean same = Arrays.equals(first, second);
            Arrays.fill(second, '\0');
            if (!same) {
                Arrays.fill(first, '\0');
                last = ProblemCode.NEW_PIN_MISMATCH;
                continue;
            }
            try {
                steps.token().initialise(c.tokenSerial(), NEW_TOKEN_LABEL, first, pin);
            } finally {
                Arrays.fill(first, '\0');
            }
            return steps.tx(h -> {
                RenewalCase fresh = steps.requireStepIn(h, caseId, CaseState.TOKEN_VERIFIED, "initialiseNewToken");
                replacements.setInitialised(h, caseId, steps.now());
                steps.journal(h, fresh, CaseEvents.NEW_TOKEN_INITIALISED, "SUCCESS",
                        Map.of("newTokenSerial", fresh.tokenSerial(), "pinChosenByCustomer", true));
                return new Outcome.Advanced(steps.store.require(h, caseId));
            });
        }
        ProblemCode refused = last;
        steps.tx(h -> steps.journal(h, c, CaseEvents.TOKEN_STEP_FAILED, "FAILURE",
                Map.of("step", "initialiseNewToken", "problem", refused.name())));
        return new Outcome.Refused(c, Problem.of(refused));
    }

    /** Refuses the key step on a replacement token the customer has not set the PIN of. */
    Optional<Outcome> refuseKeyBeforeInitialise(RenewalCase c, Optional<Replacement> row) {
        return row.filter(r -> r.initialisedAt() == null)
                .map(r -> new Outcome.Refused(c, Problem.of(ProblemCode.NEW_TOKEN_NOT_INITIALISED, c.caseNo())));
    }

    /**
     * Records the old token retired once the new one passed its self-test: a lost token as lost; one the teller says
     * does not answer as not answering; otherwise it must be in the reader and is re-initialised without a user PIN
     * (its keys destroyed).
     */
    Outcome retireOldToken(long caseId, boolean doesNotAnswer, PinPrompter oldPin) {
        RenewalCase c = steps.requireStep(caseId, CaseState.CERT_INSTALLED, "retireOldToken");
        Optional<Replacement> r = find(caseId);
        if (r.isEmpty()) {
            return new Outcome.Refused(c, Problem.of(ProblemCode.NOT_A_REPLACEMENT, c.caseNo()));
        }
        if (c.selfTestPassedAt() == null) {
            return new Outcome.Refused(c, Problem.of(ProblemCode.SELF_TEST_REQUIRED, c.caseNo()));
        }
        if (r.get().oldTokenOutcome() != null) {
            return new Outcome.Advanced(c);
        }
        String oldSerial = r.get().oldSerial();
        Replacement.OldTokenOutcome outcome;
        if (r.get().reason() == ReplacementReason.REPORTED_LOST) {
            outcome = Replacement.OldTokenOutcome.REPORTED_LOST;
        } else if (doesNotAnswer || oldSerial == null) {
            outcome = Replacement.OldTokenOutcome.NOT_ANSWERING;
        } else {
            PresentedToken presented;
            try {
                presented = steps.token().read(oldSerial);
            } catch (RenewalException e) {
                return new Outcome.Refused(c, Problem.of(ProblemCode.OLD_TOKEN_ABSENT, oldSerial));
            }
            if (!oldSerial.equals(presented.serial())) {
                return new Outcome.Refused(c, Problem.of(ProblemCode.OLD_TOKEN_ABSENT, oldSerial));
            }
            try {
                steps.token().retire(oldSerial, oldPin);
            } catch (RenewalException e) {
                steps.tx(h -> steps.journal(h, c, CaseEvents.TOKEN_STEP_FAILED, "FAILURE",
                        Map.of("step", "retireOldToken", "problem", e.code().name())));
                return new Outcome.Refused(c, e.problem());
            }
            outcome = Replacement.OldTokenOutcome.KEYS_DESTROYED;
        }
        Replacement.OldTokenOutcome done = outcome;
        return steps.tx(h -> {
            RenewalCase fresh = steps.requireStepIn(h, caseId, CaseState.CERT_INSTALLED, "retireOldToken");
            replacements.setOldTokenOutcome(h, caseId, done, steps.now());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("oldTokenSerial", String.valueOf(oldSerial));
            details.put("outcome", done.name());
            steps.journal(h, fresh, CaseEvents.OLD_TOKEN_RETIRED, "SUCCESS", details);
            return new Outcome.Advanced(steps.store.require(h, caseId));
        });
    }

    /**
     * In the completion's transaction: refuses (empty) unless the old token is retired; else registers the new token to
     * the customer, issues the blank from stock (movement and audit entry) and records the fee; returns the details the
     * completion's audit entry adds.
     */
    Optional<Map<String, Object>> completeIn(Handle h, RenewalCase c, Replacement r) {
        if (r.oldTokenOutcome() == null) {
            return Optional.empty();
        }
        ReplacementPolicy policy = steps.parts.replacement();
        String oldStatus = switch (r.reason()) {
            case REPORTED_LOST -> "LOST";
            case END_OF_LIFE -> "END_OF_LIFE";
            default -> "REPLACED";
        };
        long newTokenId = replacements.registerNewToken(h, c.id(), c.customerId(), c.newCertificateId(), oldStatus,
                policy.charges() ? policy.fee() : null, policy.currency(), steps.now());
        steps.store.setCaseColumn(h, c.id(), CaseStore.CaseColumn.TOKEN_ID, newTokenId);
        StockItem item = stock.bySerial(h, r.newSerial()).orElseThrow(
                () -> new RenewalException(ProblemCode.STOCK_NOT_IN_STOCK, r.newSerial()));
        Map<String, Object> move = new LinkedHashMap<>();
        move.put("move", "issue");
        move.put("serial", item.serial());
        move.put("voucher", item.mediaVoucherNo());
        move.put("from", item.state().name());
        move.put("to", StockState.ISSUED.name());
        move.put("teller", String.valueOf(item.tellerLogin()));
        long seq = steps.journal(h, c, CaseEvents.STOCK_MOVED, "SUCCESS", move);
        stock.move(h, item, StockState.ISSUED, item.tellerLogin(), c.id(), steps.actor.login(), null, null, seq,
                steps.now());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("replacementReason", r.reason().name());
        details.put("newTokenSerial", r.newSerial());
        details.put("oldTokenSerial", String.valueOf(r.oldSerial()));
        details.put("oldToken", r.oldTokenOutcome().name());
        if (policy.charges()) {
            details.put("fee", policy.fee().toPlainString() + " " + policy.currency());
        }
        return Optional.of(details);
    }

    /** In an abort's transaction: the blank the case held goes back to being free in the teller's box. */
    void releaseIn(Handle h, long caseId, Map<String, Object> details) {
        replacements.stockId(h, caseId).ifPresent(stockId -> {
            stock.release(h, stockId);
            replacements.clearStock(h, caseId);
            details.put("blankTokenReleased", true);
        });
    }
}
