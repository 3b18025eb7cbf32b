package bank.ushield.idverification;

/**
 * Why a check did not simply pass. The code is stable (it goes into the audit log and a UI explains it from its
 * own resource bundle); the English text here is a fallback for logs and tests.
 */
public enum ReasonCode {
    // identity document: number
    ID_NUMBER_FORMAT("The ID number must be 18 characters (17 digits and a digit or X) or a 15-digit legacy number, in half-width digits."),
    ID_NUMBER_CHECK_DIGIT("The ID number's check digit does not match: a digit was probably mistyped."),
    ID_NUMBER_BIRTH_DATE_INVALID("The birth date inside the ID number is not a real date."),
    ID_NUMBER_BIRTH_DATE_IN_FUTURE("The birth date inside the ID number lies after the visit date."),
    ID_NUMBER_REGION_UNKNOWN("The first two digits of the ID number are not a province of the mainland."),
    ID_NUMBER_REGION_UNLISTED("The ID number's region code is not in the shipped region table (it may be an old code): check the card itself."),
    LEGACY_NUMBER_CONVERTED("A 15-digit legacy ID number was converted to 18 digits."),
    DOCUMENT_NUMBER_FORMAT("The document number does not have the format of this document type."),
    DOCUMENT_CHECK_DIGIT("The document number's check digit does not match."),
    DOCUMENT_BIRTH_DATE_INVALID("The birth date in the document number is not a real date or lies in the future."),
    DOCUMENT_TYPE_NOT_ACCEPTED("This document type is not accepted for this customer."),
    // identity document: validity
    DOCUMENT_EXPIRED("The identity document has expired; a manager may accept another valid document."),
    DOCUMENT_NOT_YET_VALID("The identity document's validity starts after the visit date."),
    DOCUMENT_VALIDITY_MISSING("The identity document's validity dates are missing."),
    DOCUMENT_VALIDITY_INCONSISTENT("The card's validity period does not fit the holder's age at issue (Resident ID Card Law art. 5)."),
    // identity document: match with the customer record
    MISMATCH_DOCUMENT_NUMBER("No document with this type and number is registered to the customer."),
    MISMATCH_NAME("The name on the document differs from the customer record."),
    MISMATCH_BIRTH_DATE("The birth date on the document differs from the customer record."),
    MISMATCH_SEX("The sex on the document differs from the one its ID number encodes."),
    ID_CARD_READ_FAILED("The ID card could not be read."),
    // identity document: online verification (联网核查)
    ONLINE_NAME_MISMATCH("Online verification: the name differs from the one on record for this ID number."),
    ONLINE_NUMBER_NOT_FOUND("Online verification: no citizen is registered with this ID number."),
    ONLINE_DOCUMENT_INVALID("Online verification: the document is reported lost or is no longer valid."),
    ONLINE_UNAVAILABLE("Online verification did not answer (service unavailable or timed out)."),
    // bank card
    CARD_NUMBER_FORMAT("The card number must be 13 to 19 half-width digits."),
    CARD_CHECK_DIGIT("The card number's check digit (Luhn) does not match: a digit was probably mistyped."),
    CARD_ISSUER_UNKNOWN("The card's BIN is not in the shipped BIN table."),
    CARD_LENGTH_FOR_BIN("The card number's length does not fit its BIN."),
    CARD_NOT_OWN_BANK("The card was not issued by this bank."),
    CARD_NOT_CUSTOMERS("The card is not registered to this customer."),
    CARD_REPORTED_LOST("The card is reported lost."),
    CARD_CLOSED("The card account is closed."),
    CARD_FROZEN("The card is frozen."),
    CARD_NO_ONLINE_BANKING("Online banking is not enabled on this card."),
    CARD_EXPIRED("The card has expired."),
    CARD_READ_FAILED("The card chip could not be read."),
    // token
    TOKEN_SERIAL_FORMAT("The token serial number is empty or malformed."),
    TOKEN_NOT_CUSTOMERS("The token presented is not registered to this customer."),
    TOKEN_REPORTED_LOST("The token is reported lost."),
    TOKEN_REPLACED("The token was replaced by another one and is no longer in service."),
    TOKEN_VOUCHER_FORMAT("The media voucher number must be 10 half-width digits."),
    TOKEN_VOUCHER_MISMATCH("The media voucher number printed on the token differs from the registered one."),
    TOKEN_VOUCHER_NOT_REGISTERED("No media voucher number is registered for this token; it could not be compared."),
    TOKEN_NO_CERTIFICATE("The token holds no certificate."),
    CERTIFICATE_NOT_ON_RECORD("The certificate on the token is not registered for this token."),
    CERTIFICATE_SUBJECT_MISMATCH("The certificate on the token does not name this customer."),
    /** Not found by these rules: the token reader reports the user PIN locked (renewal fails the token check). */
    PIN_LOCKED("The token's user PIN is locked; it must be unlocked before renewal."),
    // eligibility
    SELF_SERVICE_AVAILABLE("The customer could renew online or in mobile banking; the counter may still renew."),
    TOO_EARLY("The certificate is not yet in the renewal window."),
    REPLACE_TOKEN_REVOKED("The token's certificate is revoked: the customer needs a replacement token."),
    REPLACE_TOKEN_END_OF_LIFE("The token model is end-of-life: the customer needs a replacement token."),
    NO_CERTIFICATE_ON_RECORD("No certificate is registered for this token.");

    private final String description;

    ReasonCode(String description) {
        this.description = description;
    }

    /** English fallback text; a UI shows its own localised text for the code. */
    public String description() {
        return description;
    }
}
