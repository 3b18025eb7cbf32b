package bank.ushield.idverification.document;

/** One GB/T 2260 administrative division code; {@code current} is false for codes since retired. */
public record Region(String code, String name, boolean current) {

    /** Province, prefecture or county level, from the code's shape. */
    public enum Level { PROVINCE, PREFECTURE, COUNTY }

    public Level level() {
        if (code.endsWith("0000")) {
            return Level.PROVINCE;
        }
        return code.endsWith("00") ? Level.PREFECTURE : Level.COUNTY;
    }

    public String provinceCode() {
        return code.substring(0, 2) + "0000";
    }
}
