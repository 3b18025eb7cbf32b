package bank.ushield.token;

import jdk.jfr.Category;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event: one timed phase of a renewal case in the token module (which does not see db's WorkPhaseEvent). Free
 * unless a Flight Recorder recording enables it; RenewalBench (renewal test classes) splits a case by the
 * {@code phase} of these events (ADR 0083).
 */
@Name("bank.ushield.TokenPhase")
@Label("U-shield phase (token)")
@Category({"U-shield", "Phases"})
@StackTrace(false)
public final class TokenPhaseEvent extends jdk.jfr.Event implements AutoCloseable {

    /** A call into the PKCS#11 module, waited for by the caller (hand-over to the module thread included). */
    public static final String TOKEN = "token";
    /** A PKIX check of a certificate against the trusted CA certificates. */
    public static final String PKIX = "PKIX path check";
    /** A signature checked in Java (the request the token signed, the self-test challenge). */
    public static final String SIGNATURE = "signature check";

    @Label("Phase")
    String phase;

    @Label("Detail")
    String detail;

    /** Starts timing {@code phase}; close it (try-with-resources) when the phase ends. */
    public static TokenPhaseEvent start(String phase) {
        return start(phase, null);
    }

    /** As {@link #start(String)}, with a detail (an operation's name; never personal data or secrets). */
    public static TokenPhaseEvent start(String phase, String detail) {
        TokenPhaseEvent e = new TokenPhaseEvent();
        if (e.isEnabled()) {
            e.phase = phase;
            e.detail = detail;
            e.begin();
        }
        return e;
    }

    /** Ends the phase and records it if a recording asked for it. */
    @Override
    public void close() {
        commit();
    }
}
