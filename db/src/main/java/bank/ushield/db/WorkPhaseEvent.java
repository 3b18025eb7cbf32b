package bank.ushield.db;

import jdk.jfr.Category;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event: one timed phase of a renewal case (database, head-office exchange, checks). Free unless a Flight
 * Recorder recording enables it; RenewalBench (renewal test classes) splits a case by its {@code phase} (ADR 0083).
 * The token module, which does not see this one, has {@code TokenPhaseEvent}.
 */
@Name("bank.ushield.WorkPhase")
@Label("U-shield phase")
@Category({"U-shield", "Phases"})
@StackTrace(false)
public final class WorkPhaseEvent extends jdk.jfr.Event implements AutoCloseable {

    /** A COMMIT: with synchronous=FULL, the fsync that makes a step durable. */
    public static final String COMMIT = "database commit";
    /** The rest of a transaction: its statements (an audit append included). */
    public static final String STATEMENTS = "database statements";
    /** Signing a batch as CMS SignedData. */
    public static final String CMS_SIGN = "CMS sign";
    /** Checking a CMS SignedData batch against the pinned certificate. */
    public static final String CMS_VERIFY = "CMS verify";
    /** Checking issued certificates and CRLs against the CA chain (the token's install check: TokenPhaseEvent). */
    public static final String PKIX = "PKIX path check";
    /** Checking a signature in Java (each request before export). */
    public static final String SIGNATURE = "signature check";
    /** The in-process head-office simulator answering a batch: not the workstation's cost. */
    public static final String HEAD_OFFICE = "head office simulator";
    /** The identity, card and token rules of the three checks. */
    public static final String CHECKS = "identity and card checks";
    /** Forcing a written file and its folder to disk (a request batch in the outbox). */
    public static final String FILE_SYNC = "file fsync";

    @Label("Phase")
    String phase;

    @Label("Detail")
    String detail;

    /** Starts timing {@code phase}; close it (try-with-resources) when the phase ends. */
    public static WorkPhaseEvent start(String phase) {
        return start(phase, null);
    }

    /** As {@link #start(String)}, with a detail (an operation's name; never personal data or secrets). */
    public static WorkPhaseEvent start(String phase, String detail) {
        WorkPhaseEvent e = new WorkPhaseEvent();
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
