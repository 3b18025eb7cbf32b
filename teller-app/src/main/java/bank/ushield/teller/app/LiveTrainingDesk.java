package bank.ushield.teller.app;

import java.util.List;
import java.util.Objects;

import bank.ushield.renewal.training.ScenarioLibrary;
import bank.ushield.renewal.training.Scenario;
import bank.ushield.renewal.training.ScoreReport;
import bank.ushield.renewal.training.TraineeRecord;
import bank.ushield.renewal.training.TrainingDesk;
import bank.ushield.renewal.training.TrainingRun;

/**
 * The trainer's desk across training resets: the trainer console keeps this one object while a reset closes the
 * training workstation and opens a fresh one; every call goes to the desk of the workstation open now.
 */
final class LiveTrainingDesk implements TrainingDesk {

    private final Runnable reset;
    private volatile TrainingDesk current;

    /** @param reset closes, wipes and reopens the training workstation, then calls {@link #use} */
    LiveTrainingDesk(Runnable reset) {
        this.reset = reset;
    }

    void use(TrainingDesk desk) {
        current = Objects.requireNonNull(desk);
    }

    private TrainingDesk desk() {
        TrainingDesk d = current;
        if (d == null) {
            throw new IllegalStateException("The training workstation is not open yet");
        }
        return d;
    }

    @Override
    public ScenarioLibrary scenarios() {
        return desk().scenarios();
    }

    @Override
    public List<String> trainees() {
        return desk().trainees();
    }

    @Override
    public bank.ushield.renewal.staff.StaffAccounts accounts() {
        return desk().accounts();
    }

    @Override
    public TrainingRun start(Scenario scenario, String trainee) {
        return desk().start(scenario, trainee);
    }

    @Override
    public TraineeRecord record(TrainingRun run) {
        return desk().record(run);
    }

    @Override
    public ScoreReport score(TrainingRun run) {
        return desk().score(run);
    }

    @Override
    public bank.ushield.renewal.training.ClassReport classReport() {
        return desk().classReport();
    }

    @Override
    public boolean assign(String scenarioId, String trainee, String trainer) {
        return desk().assign(scenarioId, trainee, trainer);
    }

    @Override
    public List<Scenario> assigned(String trainee) {
        return desk().assigned(trainee);
    }

    @Override
    public void reset() {
        reset.run();
    }
}
