package bank.ushield.renewal.training;

import java.util.List;

/**
 * What a trainee did in one training case, as read back from the training database: the case's final state
 * and its audit entries in order.
 *
 * @param caseNo      the training case
 * @param finalState  the case state at the end (null when no case was opened)
 * @param abortReason the reason code when aborted
 * @param events      the case's audit entries, oldest first
 */
public record TraineeRecord(String caseNo, String finalState, String abortReason, List<ObservedEvent> events) {

    public TraineeRecord {
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** One audit entry of the training case, as far as scoring needs it. */
    public record ObservedEvent(String eventType, String outcome, String detailsJson) {

        public static ObservedEvent of(String eventType, String outcome) {
            return new ObservedEvent(eventType, outcome, "{}");
        }
    }
}
