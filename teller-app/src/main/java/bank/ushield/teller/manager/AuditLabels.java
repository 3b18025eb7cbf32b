package bank.ushield.teller.manager;

import java.text.Collator;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import bank.ushield.renewal.review.AuditSort;
import bank.ushield.renewal.review.ReviewCodes;
import bank.ushield.teller.i18n.Texts;

/**
 * Display names for the codes the audit log stores (event types, outcomes, roles, failure reasons), from the
 * manager bundle: zh_CN first, English fallback, and the raw code itself when no label exists yet (a new code
 * stays readable for support instead of showing a missing-key marker). Swing-free.
 */
public final class AuditLabels {

    private static final Texts TEXT = AuditReviewPanel.TEXT;

    private AuditLabels() {
    }

    public static String event(String code) {
        return label("Event.", code);
    }

    public static String outcome(String code) {
        return label("Outcome.", code);
    }

    public static String role(String code) {
        return label("Role.", code);
    }

    /**
     * Who did it, in words: a person's login as stored, the workstation's own actors ("system", "system:ca-sync",
     * "system:training-data") by what they are, an unknown "system:x" as "System (x)".
     */
    public static String actor(String actor) {
        if (actor == null || !(actor.equals("system") || actor.startsWith("system:"))) {
            return actor;
        }
        String which = actor.equals("system") ? "" : actor.substring("system:".length());
        if (TEXT.has("Actor.system." + which)) {
            return TEXT.get("Actor.system." + which);
        }
        return which.isEmpty() ? role("SYSTEM") : TEXT.format("Actor.system.other", which);
    }

    /** A check the case went through (identity document, bank card, U-shield). */
    public static String check(String code) {
        return label("Check.", code);
    }

    /** Which check and why, in words: "银行卡：银行卡不属于该客户"; empty when the entry says neither. */
    public static String why(bank.ushield.renewal.review.ReviewRow r) {
        String check = r.check() == null ? null : check(r.check());
        String reason = r.reason() == null ? null : reason(r.reason());
        if (check != null && reason != null) {
            return TEXT.format("Review.why.both", check, reason);
        }
        return check != null ? check : reason != null ? reason : "";
    }

    /**
     * The unanchored window in words (issue 21): how many entries head office has not acknowledged yet and how long
     * ago it last did, or that it never has; {@code now} and {@code zone} give the age and the time shown.
     */
    public static String anchorStatus(bank.ushield.renewal.review.UnanchoredWindow w, java.time.Instant now,
                                      java.time.ZoneId zone) {
        if (w.neverAnchored()) {
            return TEXT.format("Anchor.never", w.entries());
        }
        String when = AuditReviewPanel.TIME.format(w.lastAcknowledgedAt().atZone(zone));
        String ago = ago(java.time.Duration.between(w.lastAcknowledgedAt(), now));
        return w.entries() == 0 ? TEXT.format("Anchor.complete", w.acknowledgedSize(), when, ago)
                : TEXT.format("Anchor.window", w.entries(), w.acknowledgedSize(), when, ago);
    }

    /** A duration as minutes, hours or days in words (never negative: a clock behind head office's reads as 0). */
    static String ago(java.time.Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 120) {
            return TEXT.format("Anchor.ago.minutes", minutes);
        }
        return minutes < 48 * 60 ? TEXT.format("Anchor.ago.hours", minutes / 60)
                : TEXT.format("Anchor.ago.days", minutes / (24 * 60));
    }

    /** A failure reason: a check code, a token problem, an abort or login reason, else an event type. */
    public static String reason(String code) {
        if (code != null && TEXT.has("Reason." + code)) {
            return TEXT.get("Reason." + code);
        }
        return label("Event.", code);
    }

    /**
     * Every event type (or outcome) code in the order of its label in the current language (Chinese by pinyin
     * through the JDK's collator, English alphabetically), the code breaking ties: the order the review table
     * shows when sorted by that column. The review service pages through the log in this order (its
     * {@link bank.ushield.renewal.review.LabelOrder}, ADR 0054).
     */
    public static List<String> codesInLabelOrder(AuditSort.Column column) {
        List<String> codes = switch (column) {
            case EVENT -> ReviewCodes.eventTypes();
            case OUTCOME -> ReviewCodes.outcomes();
            default -> throw new IllegalArgumentException("Column without labels: " + column);
        };
        Function<String, String> label = column == AuditSort.Column.EVENT ? AuditLabels::event : AuditLabels::outcome;
        Collator collator = Collator.getInstance(Texts.locale());
        return codes.stream().sorted(Comparator.comparing(label, collator).thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    /** A customer reference shortened for a table cell ("c-" and 8 of its 32 hex digits); the detail shows it whole. */
    public static String shortCustomerRef(String ref) {
        if (ref == null) {
            return "";
        }
        return ref.length() > 10 ? ref.substring(0, 10) + "\u2026" : ref;
    }

    private static String label(String prefix, String code) {
        if (code == null || code.isEmpty()) {
            return "";
        }
        return TEXT.has(prefix + code) ? TEXT.get(prefix + code) : code;
    }
}
