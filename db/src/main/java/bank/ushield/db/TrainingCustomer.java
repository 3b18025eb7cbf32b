package bank.ushield.db;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * One generated training customer with everything a scenario needs: ids of the rows, the ID number and card numbers
 * to type in, the token serial and media voucher number, and how many days ago the certificate expired (negative:
 * expires in that many days).
 */
public record TrainingCustomer(long customerId, String customerNo, String name, Gender gender, LocalDate birthDate,
                               long documentId, String idNumber, LocalDate idValidFrom, LocalDate idValidTo,
                               List<TrainingCard> cards, long tokenId, String tokenSerial, String mediaVoucherNo,
                               TokenStatus tokenStatus, long certificateId, String certificateSerialHex,
                               Instant certificateNotBefore, Instant certificateNotAfter, int daysSinceExpiry,
                               Set<TrainingEdge> edges) {

    @Override
    public String toString() {
        return "TrainingCustomer[" + customerNo + ", daysSinceExpiry=" + daysSinceExpiry + ", edges=" + edges + "]";
    }
}
