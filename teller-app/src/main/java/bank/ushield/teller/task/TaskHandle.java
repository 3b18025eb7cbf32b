package bank.ushield.teller.task;

/** A running background task, which the user can cancel. */
public interface TaskHandle {

    /** Asks the work to stop (interrupts it); callbacks then report a CancellationException as failure. */
    void cancel();

    boolean isDone();
}
