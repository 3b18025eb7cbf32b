package bank.ushield.token.simulated;

import java.time.Duration;

/**
 * Faults a trainer or a test injects into the simulated token.
 *
 * @param removeAtStep   the token "is pulled out" at this session step (1-based, counted over the port's sessions
 *                       since the faults were set); 0 = never
 * @param stepDelay      extra time every session step takes (a slow token)
 * @param writeFault     what every write does instead of writing
 * @param removeAt       the token "is pulled out" as the first operation of this kind starts (before it changes
 *                       anything), once after the faults were set; null = never. Unlike {@code removeAtStep} it
 *                       does not depend on how many steps the caller's flow takes before.
 */
public record SimulatedFaults(int removeAtStep, Duration stepDelay, WriteFault writeFault, Operation removeAt) {

    /** How writes fail. */
    public enum WriteFault { NONE, WRITE_PROTECTED, NO_SPACE }

    /** The session operations a fault can be tied to. */
    public enum Operation { READ_INFO, LOGIN, READ_OBJECTS, READ_PUBLIC_KEY, KEY_GENERATION, SIGN, CERTIFICATE_WRITE,
        REMOVE_OBJECTS }

    public static final SimulatedFaults NONE = new SimulatedFaults(0, Duration.ZERO, WriteFault.NONE, null);

    public SimulatedFaults withRemoveAtStep(int step) {
        return new SimulatedFaults(step, stepDelay, writeFault, removeAt);
    }

    /** The token is pulled out as the first {@code operation} starts. */
    public SimulatedFaults withRemoveAt(Operation operation) {
        return new SimulatedFaults(removeAtStep, stepDelay, writeFault, operation);
    }

    public SimulatedFaults withStepDelay(Duration delay) {
        return new SimulatedFaults(removeAtStep, delay, writeFault, removeAt);
    }

    public SimulatedFaults withWriteFault(WriteFault fault) {
        return new SimulatedFaults(removeAtStep, stepDelay, fault, removeAt);
    }
}
