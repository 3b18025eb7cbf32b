package bank.ushield.idverification;

/** Identity documents a Chinese bank counter accepts (PBOC 2015 No. 392); names match the db's doc_type values. */
public enum DocumentType {
    /** PRC resident identity card, GB 11643 number. */
    RESIDENT_ID,
    /** Household register (户口簿), for customers under 16; carries the same GB 11643 number. */
    HOUSEHOLD_REGISTER,
    /** Passport (PRC or foreign). */
    PASSPORT,
    /** Mainland travel permit for Hong Kong and Macau residents (港澳居民来往内地通行证). */
    HK_MACAU_PERMIT,
    /** Mainland travel permit for Taiwan residents (台湾居民来往大陆通行证). */
    TAIWAN_PERMIT,
    /** Residence permit for Hong Kong, Macau and Taiwan residents (港澳台居民居住证): 810000/820000/830000. */
    RESIDENCE_PERMIT_HMT,
    /** Foreigner's permanent residence ID card (外国人永久居留身份证), 2017 and 2023 formats. */
    FOREIGNER_PERMANENT_ID
}
