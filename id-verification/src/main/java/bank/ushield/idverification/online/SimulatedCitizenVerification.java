package bank.ushield.idverification.online;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import bank.ushield.idverification.Text;
import bank.ushield.idverification.online.CitizenAnswer.Result;

/**
 * The citizen verification service for training and tests: a configurable answer per ID number (and one for every
 * other number), each of which may be slow or fail like a real outage. Thread-safe: a trainer may change answers
 * while a case runs.
 */
public final class SimulatedCitizenVerification implements CitizenVerification {

    private static final String PHOTO = "/bank/ushield/idverification/online/simulated-photo-on-record.png";

    /**
     * One configured answer.
     *
     * @param result       what the service says; a MATCH whose {@code nameOnRecord} differs from the name asked
     *                     becomes NAME_MISMATCH, as the real service compares names
     * @param nameOnRecord null: any name matches
     * @param photo        the photo on record for a match; null: the shipped stand-in picture
     * @param delay        how long the answer takes (a time limit turns a long one into UNAVAILABLE)
     * @param fails        the call throws, as a broken connection would
     */
    public record Answer(Result result, String nameOnRecord, byte[] photo, Duration delay, boolean fails) {

        public Answer {
            Objects.requireNonNull(result, "result");
            delay = delay == null ? Duration.ZERO : delay;
        }

        /** A match for this name (null: any name). */
        public static Answer match(String nameOnRecord) {
            return new Answer(Result.MATCH, nameOnRecord, null, Duration.ZERO, false);
        }

        /** Any other result, answered at once. */
        public static Answer of(Result result) {
            return new Answer(result, null, null, Duration.ZERO, false);
        }

        /** The call fails (connection refused, broken reply). */
        public static Answer failing() {
            return new Answer(Result.UNAVAILABLE, null, null, Duration.ZERO, true);
        }

        /** The same answer after a delay. */
        public Answer slow(Duration by) {
            return new Answer(result, nameOnRecord, photo, by, fails);
        }

        /** The same answer with this photo on record. */
        public Answer withPhoto(byte[] photoOnRecord) {
            return new Answer(result, nameOnRecord, photoOnRecord, delay, fails);
        }
    }

    private final Map<String, Answer> byNumber = new ConcurrentHashMap<>();
    private volatile Answer otherwise;
    private final AtomicInteger calls = new AtomicInteger();

    /** Every number not configured is answered with {@code otherwise}. */
    public SimulatedCitizenVerification(Answer otherwise) {
        this.otherwise = Objects.requireNonNull(otherwise, "otherwise");
    }

    /** Sets the answer for one ID number (18 characters, upper-case X). */
    public SimulatedCitizenVerification answer(String idNumber, Answer answer) {
        byNumber.put(idNumber.toUpperCase(java.util.Locale.ROOT), answer);
        return this;
    }

    /** Sets the answer for every number not configured one by one. */
    public SimulatedCitizenVerification otherwise(Answer answer) {
        this.otherwise = Objects.requireNonNull(answer, "answer");
        return this;
    }

    /** Forgets the answer for one number. */
    public void forget(String idNumber) {
        byNumber.remove(idNumber.toUpperCase(java.util.Locale.ROOT));
    }

    /** True when an answer is set for this number (not the one for every other number). */
    public boolean configured(String idNumber) {
        return idNumber != null && byNumber.containsKey(idNumber.toUpperCase(java.util.Locale.ROOT));
    }

    /** How many queries were made (tests: a step asked, or did not ask, the service). */
    public int calls() {
        return calls.get();
    }

    @Override
    public CitizenAnswer verify(CitizenQuery query) {
        calls.incrementAndGet();
        Answer a = byNumber.getOrDefault(query.idNumber().toUpperCase(java.util.Locale.ROOT), otherwise);
        if (!a.delay().isZero()) {
            try {
                Thread.sleep(a.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CitizenAnswer.unavailable("interrupted");
            }
        }
        if (a.fails()) {
            throw new IllegalStateException("simulated citizen verification service failure");
        }
        String reference = "SIM-" + calls.get();
        return switch (a.result()) {
            case MATCH -> a.nameOnRecord() != null
                    && !Text.normaliseName(a.nameOnRecord()).equals(Text.normaliseName(query.name()))
                    ? CitizenAnswer.of(Result.NAME_MISMATCH, reference)
                    : CitizenAnswer.match(a.photo() != null ? a.photo() : standInPhoto(), reference);
            case UNAVAILABLE -> CitizenAnswer.unavailable("simulated outage");
            default -> CitizenAnswer.of(a.result(), reference);
        };
    }

    /** The shipped stand-in picture (a grey silhouette, not a person). */
    public static byte[] standInPhoto() {
        try (InputStream in = SimulatedCitizenVerification.class.getResourceAsStream(PHOTO)) {
            if (in == null) {
                throw new IllegalStateException("stand-in photo missing from the jar: " + PHOTO);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
