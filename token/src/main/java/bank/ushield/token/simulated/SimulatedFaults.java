package bank.ushield.token.simulated;

import java.time.Duration;

/**
 * Faults a trainer or a test injects into the simulated token.
 *
 * @param removeAtStep   the token "is pulled out" at this session step (1-based, counted over the port's sessions
 *                       since the faults were set); 0 = never
 * @param stepDelay      extra time every session step takes (a slow token)
 * @param writeFault     what every write does instead of writing
 */
public record SimulatedFaults(int removeAtStep, Duration stepDelay, WriteFault writeFault) {

    /** How writes fail. */
    public enum WriteFault { NONE, WRITE_PROTECTED, NO_SPACE }

    public static final SimulatedFaults NONE = new SimulatedFaults(0, Duration.ZERO, WriteFault.NONE);

    public SimulatedFaults withRemoveAtStep(int step) {
        return new SimulatedFaults(step, stepDelay, writeFault);
    }

    public SimulatedFaults withStepDelay(Duration delay) {
        return new SimulatedFaults(removeAtStep, delay, writeFault);
    }

    public SimulatedFaults withWriteFault(WriteFault fault) {
        return new SimulatedFaults(removeAtStep, stepDelay, fault);
    }
}
