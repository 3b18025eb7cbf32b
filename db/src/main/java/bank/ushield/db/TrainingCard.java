package bank.ushield.db;

/**
 * A generated card, with its full number: training only, kept in memory for trainers to type in; the database holds
 * only BIN, last four and the keyed hash. toString masks the number.
 */
public record TrainingCard(long cardId, String pan, boolean onlineBanking, CardStatus status) {
    @Override
    public String toString() {
        return "TrainingCard[cardId=" + cardId + ", pan=" + Masking.card(pan.substring(0, 6), pan.substring(pan.length() - 4))
                + ", onlineBanking=" + onlineBanking + ", status=" + status + "]";
    }
}
