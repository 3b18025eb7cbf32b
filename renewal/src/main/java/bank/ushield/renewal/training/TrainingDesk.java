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

    /** Logins of the trainees (active training tellers) a trainer can pick. */
    List<String> trainees();

    /**
     * The trainee accounts the trainer creates, resets and disables (teller accounts of the training branch only,
     * every change audited; ADR 0091).
     */
    bank.ushield.renewal.staff.StaffAccounts accounts();

    /** Prepares the training world for the scenario; the trainee then runs the normal renewal wizard. */
    TrainingRun start(Scenario scenario, String trainee);

    /** What the trainee did in the run, read from the training audit log and case table. */
    TraineeRecord record(TrainingRun run);

    /** Scores the run against its scenario (and records the score in the training audit log). */
    ScoreReport score(TrainingRun run);

    /** Every trainee's scored runs and the steps the class missed most. */
    ClassReport classReport();

    /**
     * The trainer assigns a scenario to a trainee (stored; the trainee's home lists it, ADR 0074). Assigning it
     * again changes nothing. @return whether the assignment is new
     */
    boolean assign(String scenarioId, String trainee, String trainer);

    /** The scenarios assigned to a trainee, oldest first (unknown scenario ids are left out). */
    List<Scenario> assigned(String trainee);

    /** Throws away all training cases, customers and tokens and stages a fresh training world. */
    void reset();
}
