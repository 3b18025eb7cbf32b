package bank.ushield.renewal.training;

import java.time.Instant;

/**
 * One trainee working one scenario: what the desk staged, so the case can be found and scored afterwards.
 *
 * @param scenarioId     the scenario
 * @param trainee        the trainee's login (the teller who runs the wizard)
 * @param customerNo     the training customer staged for the scenario
 * @param tokenSerial    the simulated token the customer brings
 * @param startedAt      when the run was staged
 * @param auditSeqBefore the training audit log's size when the run started: the run's entries come after it
 * @param idNumber       the document number the customer presents in this run
 * @param cardNumber     the card number the customer presents in this run (a training number, never real)
 */
public record TrainingRun(String scenarioId, String trainee, String customerNo, String tokenSerial,
                         Instant startedAt, long auditSeqBefore, String idNumber, String cardNumber) {
}
