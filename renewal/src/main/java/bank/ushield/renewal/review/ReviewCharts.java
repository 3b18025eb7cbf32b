package bank.ushield.renewal.review;

import java.time.LocalDate;
import java.util.List;

/**
 * The series of the manager's statistics charts over a range of days.
 *
 * @param perDay    renewals completed per local day, oldest first, every day of the window (zero when none)
 * @param perTeller renewals completed per teller login, most first
 * @param failures  failures per reason code (once per reason per case), most frequent first
 * @param machine   average machine time per case, per local day of the certificate install
 */
public record ReviewCharts(List<DayCount> perDay, List<KeyCount> perTeller, List<KeyCount> failures,
                           List<DayAverage> machine) {

    public ReviewCharts {
        perDay = List.copyOf(perDay);
        perTeller = List.copyOf(perTeller);
        failures = List.copyOf(failures);
        machine = List.copyOf(machine);
    }

    /** A count for one day. */
    public record DayCount(LocalDate day, long count) {
    }

    /** A count for one key (a login or a reason code). */
    public record KeyCount(String key, long count) {
    }

    /** An average in seconds over {@code cases} cases of one day. */
    public record DayAverage(LocalDate day, double averageSeconds, long cases) {
    }
}
