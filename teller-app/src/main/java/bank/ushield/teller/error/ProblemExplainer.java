package bank.ushield.teller.error;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Function;

import bank.ushield.db.DatabaseException;
import bank.ushield.db.DatabaseTooNewException;
import bank.ushield.renewal.RenewalException;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.token.TokenModuleException;

/**
 * Turns exceptions into {@link Problem}s a teller can act on. Swing-free (tested headless). Typed domain
 * exceptions are looked up along the cause chain, most specific registration first; each maps to a code whose
 * texts live in the Errors bundle as Error.&lt;code&gt;.title / .causes (one per line) / .next / .customer.
 */
public final class ProblemExplainer {

    private static final Texts TEXT = Texts.of(ProblemExplainer.class, "Errors");

    /** Exception type -> code; insertion order is lookup order, so register subclasses before superclasses. */
    private final Map<Class<? extends Throwable>, Function<Throwable, String>> codes = new LinkedHashMap<>();
    /** Exception types that explain themselves (a module ships its own texts), looked up before the codes. */
    private final Map<Class<? extends Throwable>, Function<Throwable, Problem>> explained = new LinkedHashMap<>();

    public ProblemExplainer() {
        // The renewal module explains its own problems (its bundle has problem, cause, customer and next step).
        registerExplained(RenewalException.class, ProblemExplainer::renewal);
        register(TokenModuleException.class, t -> "token.module." + t.reason().name());
        // The composition root's start failures carry their refusal (the root is above the screens).
        register(Throwable.class, t -> t instanceof StartRefusal.Carrier c ? "start." + c.refusal().name() : null);
        register(DatabaseTooNewException.class, t -> "db.tooNew");
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
    public <T extends Throwable> ProblemExplainer registerExplained(Class<T> type, Function<? super T, Problem> explain) {
        explained.put(type, t -> explain.apply(type.cast(t)));
        return this;
    }

    /** The codes this explainer can produce for registered types, for the localisation consistency test. */
    public static List<String> fixedCodes() {
        List<String> codes = new ArrayList<>();
        for (TokenModuleException.Reason r : TokenModuleException.Reason.values()) {
            codes.add("token.module." + r.name());
        }
        for (StartRefusal c : StartRefusal.values()) {
            codes.add("start." + c.name());
        }
        codes.addAll(List.of("db.tooNew", "db.failed", "cancelled", "file.missing", "file.denied", "file.io", "unexpected"));
        return codes;
    }

    public Problem explain(Throwable error) {
        for (Map.Entry<Class<? extends Throwable>, Function<Throwable, Problem>> e : explained.entrySet()) {
            for (Throwable t = error; t != null; t = t.getCause()) {
                if (e.getKey().isInstance(t)) {
                    Problem p = e.getValue().apply(t);
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
                    if (code != null && TEXT.has("Error." + code + ".title")) {
                        return problem(code, t, error);
                    }
                }
            }
        }
        return problem("unexpected", error, error);
    }

    private Problem problem(String code, Throwable matched, Throwable whole) {
        String stem = "Error." + code;
        String message = matched.getMessage() == null ? "" : matched.getMessage();
        List<String> causes = new ArrayList<>();
        for (String line : TEXT.format(stem + ".causes", message).split("\n")) {
            if (!line.isBlank()) {
                causes.add(line.strip());
            }
        }
        String customer = TEXT.has(stem + ".customer") ? TEXT.get(stem + ".customer") : "";
        return new Problem(code, TEXT.format(stem + ".title", message), causes, TEXT.format(stem + ".next", message),
                customer, details(whole));
    }

    static Problem renewal(RenewalException e) {
        bank.ushield.renewal.Problem.Explanation x = e.problem().explain(Texts.locale());
        return new Problem("renewal." + e.code().name(), x.problem(), List.of(x.cause()), x.nextStep(),
                x.tellCustomer(), details(e));
    }

    /** The exception chain as text, for the Details button. */
    public static String details(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
