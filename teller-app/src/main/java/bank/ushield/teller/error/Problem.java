package bank.ushield.teller.error;

import java.util.List;
import java.util.Objects;

/**
 * What went wrong, put so that a teller can act on it (as KeyStore Explorer's Problem): the problem, its likely
 * causes, the next step, what to tell the customer when one is waiting, and the technical details for support.
 *
 * @param code         stable code of the explanation (also the resource key stem), e.g. "db.tooNew"
 * @param title        the problem in one sentence
 * @param causes       likely causes, most likely first
 * @param nextStep     what to do now
 * @param tellCustomer what to say to the customer, or empty when the customer need not be told anything
 * @param details      technical details (exception chain) for the Details button; never holds secrets
 */
public record Problem(String code, String title, List<String> causes, String nextStep, String tellCustomer,
                      String details) {

    public Problem {
        Objects.requireNonNull(code);
        Objects.requireNonNull(title);
        causes = List.copyOf(causes);
        nextStep = nextStep == null ? "" : nextStep;
        tellCustomer = tellCustomer == null ? "" : tellCustomer;
        details = details == null ? "" : details;
    }
}
