package bank.ushield.db;

import java.time.Instant;
import java.time.LocalDate;

/** A bank customer. */
public record Customer(long id, String customerNo, String name, LocalDate birthDate, Gender gender, String phone,
                       Instant createdAt) {

    /** Name, birth date and phone are personal data: keep them out of logs. */
    @Override
    public String toString() {
        return "Customer[id=" + id + ", customerNo=" + customerNo + "]";
    }
}
