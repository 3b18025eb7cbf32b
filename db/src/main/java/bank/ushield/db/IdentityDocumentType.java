package bank.ushield.db;

/**
 * The {@code identity_document.doc_type} values: documents accepted at the counter (PBOC 2015 No. 392). The rules'
 * own {@code idverification.DocumentType} has the same names (id-verification cannot see db; renewal converts by name).
 */
public enum IdentityDocumentType {
    RESIDENT_ID, PASSPORT, HK_MACAU_PERMIT, TAIWAN_PERMIT, RESIDENCE_PERMIT_HMT, FOREIGNER_PERMANENT_ID, HOUSEHOLD_REGISTER
}
