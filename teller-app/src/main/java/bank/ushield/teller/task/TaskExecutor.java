package bank.ushield.teller.task;

/**
 * Runs background work off the EDT and its callbacks on the EDT: the one way the UI starts token, database,
 * file and sync work. {@link SwingTaskExecutor} in production, {@link CurrentThreadTaskExecutor} in model tests.
 */
public interface TaskExecutor {

    <T> TaskHandle execute(BackgroundTask<T> task);
}
