package bank.ushield.renewal.training;

import java.util.List;

/**
 * What the trainer's screen asks of training mode: stage a scenario for a trainee (training customer, simulated
 * token with its faults, head-office simulator behaviour), read back and score what the trainee did, and reset
 * the training data. Works only on the training database and data folder.
 */
public interface TrainingDesk {

    /** The scenario library (built-in plus the trainer's folder, read at start). */
    ScenarioLibrary scenarios();

    /** Logins of the trainees (training tellers) a trainer can pick. */
    List<String> trainees();

    /** Prepares the training world for the scenario; the trainee then runs the normal renewal wizard. */
    TrainingRun start(Scenario scenario, String trainee);

    /** What the trainee did in the run, read from the training audit log and case table. */
    TraineeRecord record(TrainingRun run);

    /** Scores the run against its scenario (and records the score in the training audit log). */
    ScoreReport score(TrainingRun run);

    /** Every trainee's scored runs and the steps the class missed most. */
    ClassReport classReport();

    /** Throws away all training cases, customers and tokens and stages a fresh training world. */
    void reset();
}
