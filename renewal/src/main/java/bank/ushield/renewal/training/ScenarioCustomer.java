package bank.ushield.renewal.training;

/**
 * The training customer of a scenario. Dates are relative to the day the scenario starts, so files never age.
 *
 * @param name             name as on the identity document
 * @param idType           document type, as in the identity_document table (RESIDENT_ID, PASSPORT, ...)
 * @param idNumber         document number (fictitious but well-formed)
 * @param idValidToDays    days from today to the document's end of validity (negative: expired; null: long-term)
 * @param cardNumber       the customer's bank card number with online banking (Luhn-valid, fictitious)
 * @param phone            phone on file (masked in screens)
 */
public record ScenarioCustomer(String name, String idType, String idNumber, Integer idValidToDays,
                               String cardNumber, String phone) {
}
