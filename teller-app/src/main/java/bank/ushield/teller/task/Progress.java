package bank.ushield.teller.task;

/**
 * A progress report from background work.
 *
 * @param done    units done
 * @param total   units in all (0 when unknown: indeterminate)
 * @param message what is happening now, already in the user's language (may be empty)
 */
public record Progress(long done, long total, String message) {

    public boolean indeterminate() {
        return total <= 0;
    }

    /** Percent 0-100, 0 when indeterminate. */
    public int percent() {
        return total <= 0 ? 0 : (int) Math.min(100, done * 100 / total);
    }
}
