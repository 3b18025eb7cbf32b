package bank.ushield.renewal;

/** A renewal step that could not run; carries a {@link Problem} a UI can explain. Messages never hold secrets. */
public class RenewalException extends RuntimeException {

    private final transient Problem problem;

    public RenewalException(Problem problem) {
        super(problem.toString());
        this.problem = problem;
    }

    public RenewalException(Problem problem, Throwable cause) {
        super(problem.toString(), cause);
        this.problem = problem;
    }

    public RenewalException(ProblemCode code, Object... args) {
        this(Problem.of(code, args));
    }

    public Problem problem() {
        return problem;
    }

    public ProblemCode code() {
        return problem.code();
    }
}
