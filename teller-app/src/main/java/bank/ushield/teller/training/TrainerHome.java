package bank.ushield.teller.training;

import java.util.function.Consumer;

import javax.swing.JComponent;

import bank.ushield.renewal.training.TrainingDesk;
import bank.ushield.renewal.training.TrainingRun;
import bank.ushield.teller.shell.HomeScreen;

/** The trainer's home screen: the scenario console. */
public final class TrainerHome implements HomeScreen {

    private final TrainerPanel panel;

    /** What the trainer sees on a workstation without a training desk (production). */
    public static String unavailableText() {
        return ScoreView.TEXT.get("Trainer.unavailable");
    }

    public TrainerHome(TrainerPanel panel) {
        this.panel = panel;
    }

    public TrainerHome(TrainingDesk desk, bank.ushield.teller.task.TaskExecutor executor,
                       Consumer<TrainingRun> wizardLauncher) {
        this(new TrainerPanel(desk, executor, wizardLauncher));
    }

    @Override
    public JComponent component() {
        return panel;
    }

    @Override
    public void shown() {
        panel.shown();
    }
}
