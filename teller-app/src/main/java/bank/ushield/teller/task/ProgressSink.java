package bank.ushield.teller.task;

/** Where background work reports its progress; any thread may call it. */
@FunctionalInterface
public interface ProgressSink {

    void report(Progress progress);

    default void report(long done, long total, String message) {
        report(new Progress(done, total, message));
    }

    ProgressSink NONE = p -> { };
}
