package bank.ushield.teller.task;

/**
 * Runs the work and its callbacks at once on the calling thread: for model tests without a display. Failures
 * the task does not handle are rethrown wrapped, so a test cannot miss them.
 */
public final class CurrentThreadTaskExecutor implements TaskExecutor {

    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        task.running();
        T result;
        try {
            result = task.runWork(task::progress);
        } catch (Exception e) {
            task.failed(e, ex -> {
                throw new IllegalStateException("Unhandled task failure", ex);
            });
            return done();
        }
        task.succeeded(result);
        return done();
    }

    private static TaskHandle done() {
        return new TaskHandle() {
            @Override
            public void cancel() {
                // already finished
            }

            @Override
            public boolean isDone() {
                return true;
            }
        };
    }
}
