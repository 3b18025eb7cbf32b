package bank.ushield.db;

/** Identity documents accepted at the counter (PBOC 2015 No. 392). */
public enum DocumentType {
    RESIDENT_ID, PASSPORT, HK_MACAU_PERMIT, TAIWAN_PERMIT, RESIDENCE_PERMIT_HMT, FOREIGNER_PERMANENT_ID, HOUSEHOLD_REGISTER
}
