package bank.ushield.teller.task;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * One piece of work off the EDT (token, database, file or sync work) with its callbacks, which a
 * {@link TaskExecutor} runs on the EDT in production. Modelled on JabRef's BackgroundTask.
 *
 * @param <T> the result type
 */
public final class BackgroundTask<T> {

    /** The work itself; reports progress through the given sink. */
    @FunctionalInterface
    public interface Work<T> {
        T run(ProgressSink progress) throws Exception;
    }

    private final Work<T> work;
    private Runnable onRunning = () -> { };
    private Consumer<T> onSuccess = r -> { };
    private Consumer<Exception> onFailure;
    private Consumer<Progress> onProgress = p -> { };
    private Runnable onFinished = () -> { };

    private BackgroundTask(Work<T> work) {
        this.work = Objects.requireNonNull(work);
    }

    public static <T> BackgroundTask<T> of(Work<T> work) {
        return new BackgroundTask<>(work);
    }

    /** Work that needs no progress reports. */
    public static <T> BackgroundTask<T> call(java.util.concurrent.Callable<T> callable) {
        return new BackgroundTask<>(progress -> callable.call());
    }

    public BackgroundTask<T> onRunning(Runnable r) {
        this.onRunning = Objects.requireNonNull(r);
        return this;
    }

    public BackgroundTask<T> onSuccess(Consumer<T> c) {
        this.onSuccess = Objects.requireNonNull(c);
        return this;
    }

    public BackgroundTask<T> onFailure(Consumer<Exception> c) {
        this.onFailure = Objects.requireNonNull(c);
        return this;
    }

    public BackgroundTask<T> onProgress(Consumer<Progress> c) {
        this.onProgress = Objects.requireNonNull(c);
        return this;
    }

    /** Runs after success or failure, e.g. to hide a busy indicator. */
    public BackgroundTask<T> onFinished(Runnable r) {
        this.onFinished = Objects.requireNonNull(r);
        return this;
    }

    T runWork(ProgressSink sink) throws Exception {
        return work.run(sink);
    }

    void running() {
        onRunning.run();
    }

    void succeeded(T result) {
        try {
            onSuccess.accept(result);
        } finally {
            onFinished.run();
        }
    }

    void failed(Exception e, Consumer<Exception> fallback) {
        try {
            (onFailure != null ? onFailure : fallback).accept(e);
        } finally {
            onFinished.run();
        }
    }

    void progress(Progress p) {
        onProgress.accept(p);
    }
}
