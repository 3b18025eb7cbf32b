package bank.ushield.db;

import java.time.ZoneId;

/** A bank branch (its code and name). */
public record Branch(String id, String name) {
    /** The branch time zone where no configuration names one (the eligibility policy ships the same zone). */
    public static final String DEFAULT_ZONE_ID = "Asia/Shanghai";
    /** {@link #DEFAULT_ZONE_ID} as a zone. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of(DEFAULT_ZONE_ID);
}
