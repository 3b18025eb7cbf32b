package bank.ushield.renewal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import bank.ushield.idverification.online.CitizenAnswer;
import bank.ushield.idverification.online.CitizenVerification;

/**
 * 联网核查 as the renewal uses it: the citizen verification port and, per open case, the last answer. Answers are
 * kept in memory only: an answer is evidence for this visit (it is audited); after a restart the teller asks again.
 */
public final class OnlineVerification {

    /** The last answer for a case: for which document number, what it said, the SHA-256 of the photo. */
    public record Answered(String documentNumber, CitizenAnswer.Result result, String photoSha256) {
    }

    private final CitizenVerification service;
    private final Predicate<String> covers;
    private final Map<Long, Answered> lastAnswers = new ConcurrentHashMap<>();

    /** Every resident ID card is checked. */
    public OnlineVerification(CitizenVerification service) {
        this(service, number -> true);
    }

    /** Only the ID numbers {@code covers} accepts are checked (training: those a scenario gave an answer). */
    public OnlineVerification(CitizenVerification service, Predicate<String> covers) {
        this.service = service;
        this.covers = covers;
    }

    /** Whether this 18-character ID number is checked online. */
    public boolean covers(String idNumber) {
        return covers.test(idNumber);
    }

    public CitizenVerification service() {
        return service;
    }

    /** Remembers the answer for a case (replacing an earlier one: a retry after an outage). */
    public void remember(long caseId, Answered answer) {
        lastAnswers.put(caseId, answer);
    }

    /** The last answer for this case about this document number. */
    public Optional<Answered> last(long caseId, String documentNumber) {
        return Optional.ofNullable(lastAnswers.get(caseId)).filter(a -> a.documentNumber().equals(documentNumber));
    }

    /** Forgets a case's answer once its ID step is done. */
    public void forget(long caseId) {
        lastAnswers.remove(caseId);
    }
}
