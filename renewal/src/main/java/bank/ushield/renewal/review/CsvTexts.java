package bank.ushield.renewal.review;

import java.util.List;

/**
 * The words of the manager's CSV export in the screen's language: the column headers and the labels of the stored
 * codes, supplied by the screens since they are UI texts (as {@link LabelOrder} is).
 */
public interface CsvTexts {

    /** Headers for: time, case number, customer, teller, role, event, outcome, check, reason, authorised by. */
    List<String> headers();

    String event(String code);

    String outcome(String code);

    String role(String code);

    String check(String code);

    String reason(String code);

    /** The header of the workstation column, added after the others on a branch of several workstations. */
    default String workstationHeader() {
        return "workstation";
    }
}
