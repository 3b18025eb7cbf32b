package bank.ushield.renewal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Function;

import bank.ushield.db.Database;
import bank.ushield.db.DatabaseException;
import bank.ushield.db.DatabaseGrantsException;
import bank.ushield.db.DatabaseTooNewException;
import bank.ushield.db.DatabaseUnreachableException;
import bank.ushield.token.SettingsFileException;
import bank.ushield.token.TokenModuleException;

/**
 * Turns exceptions into {@link Problem.Explanation}s a teller can act on. Swing-free (tested headless). Typed domain
 * exceptions are looked up along the cause chain, most specific registration first; each maps to a code whose
 * texts the UI's {@link Wording} holds as Error.&lt;code&gt;.title / .causes (one per line) / .next / .customer.
 */
public final class ProblemExplainer {

    /** Where the explainer finds its words: the UI's Errors bundle in the UI's language. */
    public interface Wording {
        boolean has(String key);

        String get(String key);

        /** The text for {@code key} with MessageFormat arguments. */
        String format(String key, Object... args);

        /** The UI language, for the renewal module's own problem texts. */
        Locale language();
    }

    /** An exception that names the code of its explanation itself (e.g. a refused start: "start.NOT_SET_UP"). */
    public interface Coded {
        String problemCode();
    }

    private final Wording text;
    /** Exception type -> code; insertion order is lookup order, so register subclasses before superclasses. */
    private final Map<Class<? extends Throwable>, Function<Throwable, String>> codes = new LinkedHashMap<>();
    /** Exception types that explain themselves (a module ships its own texts), looked up before the codes. */
    private final Map<Class<? extends Throwable>, Function<Throwable, Problem.Explanation>> explained =
            new LinkedHashMap<>();

    public ProblemExplainer(Wording text) {
        this.text = text;
        // The renewal module explains its own problems (its bundle has problem, cause, customer and next step).
        registerExplained(RenewalException.class, this::renewal);
        // A malformed settings file IT keeps (vendor profile, key policy): worded with its file, key and expectation.
        registerExplained(SettingsFileException.class, e -> problem("settingsFile." + e.fault().name(), e,
                new Object[] {e.file(), e.key(), e.found(), String.join(", ", e.expected()), e.because()}));
        // The rights a branch database user lacks, one per line, for IT to grant.
        registerExplained(DatabaseGrantsException.class, e -> problem("db.grantsMissing", e,
                new Object[] {e.user(), String.join("\n", e.missing())}));
        register(TokenModuleException.class, t -> "token.module." + t.reason().name());
        // Exceptions from above (the composition root's start failures) carry their own code.
        register(Throwable.class, t -> t instanceof Coded c ? c.problemCode() : null);
        register(DatabaseTooNewException.class, t -> "db.tooNew");
        register(DatabaseGrantsException.class, t -> "db.grantsMissing");
        register(DatabaseUnreachableException.class, t -> t.loginRefused() ? "db.loginRefused" : "db.unreachable");
        register(DatabaseException.class, t -> "db.failed");
        register(CancellationException.class, t -> "cancelled");
        register(NoSuchFileException.class, t -> "file.missing");
        register(AccessDeniedException.class, t -> "file.denied");
        register(IOException.class, t -> "file.io");
    }

    /** Adds a mapping; a later module's exceptions plug in here. Register subclasses before their superclasses. */
    public <T extends Throwable> ProblemExplainer register(Class<T> type, Function<? super T, String> code) {
        codes.put(type, t -> code.apply(type.cast(t)));
        return this;
    }

    /**
     * Adds an exception type whose module explains it itself (e.g. the renewal module's problems with their own
     * bundle); the function returns null to fall through to the other mappings.
     */
    public <T extends Throwable> ProblemExplainer registerExplained(Class<T> type,
                                                                   Function<? super T, Problem.Explanation> explain) {
        explained.put(type, t -> explain.apply(type.cast(t)));
        return this;
    }

    /**
     * The codes this explainer produces for its own registrations, for the localisation consistency test (a
     * {@link Coded} exception's codes are its module's to list).
     */
    public static List<String> fixedCodes() {
        List<String> codes = new ArrayList<>();
        for (TokenModuleException.Reason r : TokenModuleException.Reason.values()) {
            codes.add("token.module." + r.name());
        }
        for (SettingsFileException.Fault f : SettingsFileException.Fault.values()) {
            codes.add("settingsFile." + f.name());
        }
        codes.addAll(List.of("db.tooNew", "db.grantsMissing", "db.unreachable", "db.loginRefused", "db.connectionLost",
                "db.failed", "cancelled", "file.missing", "file.denied", "file.io", "unexpected"));
        return codes;
    }

    /** The explanation of the most specific registration found along the cause chain, else "unexpected". */
    public Problem.Explanation explain(Throwable error) {
        // Before anything else: a step that lost the branch database says so, whatever wrapped the loss.
        if (Database.connectionLost(error)) {
            String code = findCause(error, DatabaseUnreachableException.class) != null ? "db.unreachable" : "db.connectionLost";
            if (text.has("Error." + code + ".title")) {
                return problem(code, error, error);
            }
        }
        for (Map.Entry<Class<? extends Throwable>, Function<Throwable, Problem.Explanation>> e : explained.entrySet()) {
            for (Throwable t = error; t != null; t = t.getCause()) {
                if (e.getKey().isInstance(t)) {
                    Problem.Explanation p = e.getValue().apply(t);
                    if (p != null) {
                        return p;
                    }
                }
            }
        }
        for (Map.Entry<Class<? extends Throwable>, Function<Throwable, String>> e : codes.entrySet()) {
            for (Throwable t = error; t != null; t = t.getCause()) {
                if (e.getKey().isInstance(t)) {
                    String code = e.getValue().apply(t);
                    if (code != null && text.has("Error." + code + ".title")) {
                        return problem(code, t, error);
                    }
                }
            }
        }
        return problem("unexpected", error, error);
    }

    private Problem.Explanation problem(String code, Throwable matched, Throwable whole) {
        return problem(code, whole, new Object[] {matched.getMessage() == null ? "" : matched.getMessage()});
    }

    private Problem.Explanation problem(String code, Throwable whole, Object[] args) {
        String stem = "Error." + code;
        List<String> causes = new ArrayList<>();
        for (String line : text.format(stem + ".causes", args).split("\n")) {
            if (!line.isBlank()) {
                causes.add(line.strip());
            }
        }
        String customer = text.has(stem + ".customer") ? text.get(stem + ".customer") : "";
        return new Problem.Explanation(code, text.format(stem + ".title", args), causes, customer,
                text.format(stem + ".next", args), details(code, whole));
    }

    private static Throwable findCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    private Problem.Explanation renewal(RenewalException e) {
        return e.problem().explain(text.language()).withDetails(details("renewal." + e.problem(), e));
    }

    /**
     * For the Details button: the code and the exception chain, one line per cause, without stack frames (a teller
     * reads this; support finds the stack trace in the log, which the caller writes).
     */
    public static String details(String code, Throwable t) {
        StringBuilder out = new StringBuilder(code).append('\n');
        for (Throwable c = t; c != null; c = c.getCause()) {
            out.append(c.getClass().getName());
            if (c instanceof RenewalException r) {
                out.append(": ").append(r.problem());
            } else if (c.getMessage() != null) {
                out.append(": ").append(c.getMessage());
            }
            out.append('\n');
        }
        return out.toString();
    }
}
