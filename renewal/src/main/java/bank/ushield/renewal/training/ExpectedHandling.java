package bank.ushield.renewal.training;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The correct handling of a scenario: how the case must end and which steps must (or must not) be seen.
 *
 * @param finalStates the acceptable final case states (e.g. COMPLETED; ABORTED; CSR_QUEUED), empty: any
 * @param required    steps the trainee must take
 * @param forbidden   steps that are mistakes in this scenario
 * @param hints       per step, what a trainer wants to tell the trainee who missed it
 */
public record ExpectedHandling(Set<String> finalStates, List<HandlingStep> required, List<HandlingStep> forbidden,
                               Map<HandlingStep, LocalizedText> hints) {

    public ExpectedHandling {
        finalStates = finalStates == null ? Set.of() : Set.copyOf(finalStates);
        required = required == null ? List.of() : List.copyOf(required);
        forbidden = forbidden == null ? List.of() : List.copyOf(forbidden);
        hints = hints == null ? Map.of() : Map.copyOf(hints);
    }
}
