package bank.ushield.renewal.review;

import java.util.List;

/**
 * The order of the labels the review table shows for a coded column (event type or outcome), supplied by the
 * screens since the labels are UI texts: sorting by such a column follows it (ADR 0054).
 */
@FunctionalInterface
public interface LabelOrder {

    /** Every code of the column ({@link ReviewCodes}) in the order of its label in the current language. */
    List<String> codesInLabelOrder(AuditSort.Column column);
}
