package bank.ushield.teller.wizard;

/**
 * One line with a progress bar in a step that does several things (re-personalise: key pair and request,
 * queue; install: certificate, self-test, completion).
 *
 * @param key    text key of the line (Wizard bundle)
 * @param status where it is
 */
public record Activity(String key, Status status) {

    /** Where an activity is. */
    public enum Status { PENDING, RUNNING, DONE, FAILED }

    public Activity with(Status s) {
        return new Activity(key, s);
    }
}
