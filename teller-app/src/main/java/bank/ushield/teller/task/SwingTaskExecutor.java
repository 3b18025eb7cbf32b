package bank.ushield.teller.task;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import javax.swing.SwingUtilities;
import javax.swing.SwingWorker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Production executor: each task on a SwingWorker, callbacks on the EDT. */
public final class SwingTaskExecutor implements TaskExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(SwingTaskExecutor.class);
    private final Consumer<Exception> defaultFailure;

    /**
     * @param defaultFailure what to do with a failure the task did not handle itself (usually: the error dialog)
     */
    public SwingTaskExecutor(Consumer<Exception> defaultFailure) {
        this.defaultFailure = defaultFailure;
    }

    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        Worker<T> worker = new Worker<>(task, defaultFailure);
        if (SwingUtilities.isEventDispatchThread()) {
            task.running();
        } else {
            SwingUtilities.invokeLater(task::running);
        }
        worker.execute();
        return new TaskHandle() {
            @Override
            public void cancel() {
                worker.cancel(true);
            }

            @Override
            public boolean isDone() {
                return worker.isDone();
            }
        };
    }

    private static final class Worker<T> extends SwingWorker<T, Progress> {
        private final BackgroundTask<T> task;
        private final Consumer<Exception> defaultFailure;

        Worker(BackgroundTask<T> task, Consumer<Exception> defaultFailure) {
            this.task = task;
            this.defaultFailure = defaultFailure;
        }

        @Override
        protected T doInBackground() throws Exception {
            return task.runWork(this::publish);
        }

        @Override
        protected void process(List<Progress> chunks) {
            // Only the newest report matters to a progress bar.
            task.progress(chunks.get(chunks.size() - 1));
        }

        @Override
        protected void done() {
            T result;
            try {
                result = get();
            } catch (CancellationException e) {
                task.failed(e, defaultFailure);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                task.failed(e, defaultFailure);
                return;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                LOG.debug("Background task failed", cause);
                task.failed(cause instanceof Exception ex ? ex : new IllegalStateException(cause), defaultFailure);
                return;
            }
            task.succeeded(result);
        }
    }
}
