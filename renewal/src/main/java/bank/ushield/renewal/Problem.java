package bank.ushield.renewal;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

import bank.ushield.idverification.ReasonCode;

/**
 * Why a step did not go ahead, as a code plus message arguments; {@link #explain(Locale)} turns it into the four
 * things a teller needs (what happened, likely cause, what to tell the customer, what to do next). Arguments never
 * hold secrets and hold personal data only masked.
 */
public record Problem(ProblemCode code, List<String> args) {

    static final String BUNDLE = "bank.ushield.renewal.Problems";

    public Problem {
        Objects.requireNonNull(code, "code");
        args = List.copyOf(args);
    }

    public static Problem of(ProblemCode code, Object... args) {
        return new Problem(code, java.util.Arrays.stream(args).map(String::valueOf).toList());
    }

    /**
     * Why a case waits for a manager, as the teller is told: most exceptions ask for a manager; a certificate still
     * in the self-service window asks the teller to advise online renewal first (a manager only if the customer
     * insists on the counter).
     */
    public static Problem heldForManager(ReasonCode exceptionCode) {
        return exceptionCode == ReasonCode.SELF_SERVICE_AVAILABLE ? of(ProblemCode.SELF_SERVICE_AVAILABLE, exceptionCode)
                : of(ProblemCode.NEEDS_MANAGER, exceptionCode);
    }

    /** {@link #heldForManager(ReasonCode)} for the exception code a case records (its reason code's name). */
    public static Problem heldForManager(String exceptionCode) {
        ReasonCode code = null;
        try {
            code = exceptionCode == null ? null : ReasonCode.valueOf(exceptionCode);
        } catch (IllegalArgumentException notAReasonCode) {
            // an unknown code still asks for a manager, named as recorded
        }
        return code == null ? of(ProblemCode.NEEDS_MANAGER, exceptionCode) : heldForManager(code);
    }

    /** A check's reason code (e.g. DOCUMENT_EXPIRED) in words in the locale; the code itself when unknown. */
    public static String reasonWords(String reasonCode, Locale locale) {
        ResourceBundle bundle = bundle(locale);
        return bundle.containsKey("reason." + reasonCode) ? bundle.getString("reason." + reasonCode) : reasonCode;
    }

    /**
     * The texts in {@code locale}, never the PC's default language instead: English asked for on a Chinese PC (a
     * log, a report for head office) is English.
     */
    static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT));
    }

    /** The bundle key of one part, e.g. {@code WRONG_PIN.nextStep}. */
    public String key(Part part) {
        return code.name() + "." + part.key;
    }

    /** The four texts in the given locale (zh_CN first, English fallback). */
    public Explanation explain(Locale locale) {
        ResourceBundle bundle = bundle(locale);
        return new Explanation("renewal." + code.name(), text(bundle, Part.PROBLEM, locale),
                List.of(text(bundle, Part.CAUSE, locale)), text(bundle, Part.TELL_CUSTOMER, locale),
                text(bundle, Part.NEXT_STEP, locale), "");
    }

    private String text(ResourceBundle bundle, Part part, Locale locale) {
        try {
            // A token step ("install"), a check's reason code ("DOCUMENT_EXPIRED") or a sync failure ("FILE_IO")
            // named in an argument reads as the teller's words; the raw code stays in the explanation's details and the log.
            Object[] shown = args.stream().map(a -> bundle.containsKey("step." + a) ? bundle.getString("step." + a)
                    : bundle.containsKey("reason." + a) ? bundle.getString("reason." + a)
                    : bundle.containsKey("sync." + a) ? bundle.getString("sync." + a) : a).toArray();
            return new MessageFormat(bundle.getString(key(part)), locale).format(shown);
        } catch (MissingResourceException e) {
            return code.name() + " " + args;
        }
    }

    @Override
    public String toString() {
        return code + (args.isEmpty() ? "" : args.toString());
    }

    /** The parts of an explanation and their bundle key suffixes. */
    public enum Part {
        PROBLEM("problem"), CAUSE("cause"), TELL_CUSTOMER("tellCustomer"), NEXT_STEP("nextStep");

        final String key;

        Part(String key) {
            this.key = key;
        }
    }

    /**
     * A problem in words, ready for the error dialog (as KeyStore Explorer's Problem): what happened, its likely
     * causes, what to tell the customer when one is waiting, what to do now, and technical details for support.
     *
     * @param code         stable code of the explanation, e.g. "db.tooNew" or "renewal.WRONG_PIN"
     * @param problem      the problem in one sentence
     * @param causes       likely causes, most likely first
     * @param tellCustomer what to say to the customer, or empty when the customer need not be told anything
     * @param nextStep     what to do now
     * @param details      technical details (exception chain) for the Details button; never holds secrets
     */
    public record Explanation(String code, String problem, List<String> causes, String tellCustomer, String nextStep,
                              String details) {

        public Explanation {
            Objects.requireNonNull(code);
            Objects.requireNonNull(problem);
            causes = List.copyOf(causes);
            tellCustomer = tellCustomer == null ? "" : tellCustomer;
            nextStep = nextStep == null ? "" : nextStep;
            details = details == null ? "" : details;
        }

        /** The same explanation with the technical details for the Details button. */
        public Explanation withDetails(String technical) {
            return new Explanation(code, problem, causes, tellCustomer, nextStep, technical);
        }
    }
}
