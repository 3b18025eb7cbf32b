package bank.ushield.idverification.document;

/**
 * One GB/T 2260 administrative division code; {@code current} is false for codes since retired. {@code firstYear}
 * and {@code lastYear} are the first and last years the shipped lists name it: the 2002+ table's revisions for
 * codes it holds, the Ministry of Civil Affairs' 1980-2001 lists for codes retired before 2002.
 */
public record Region(String code, String name, boolean current, int firstYear, int lastYear) {

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

    /** A retired code, still valid on the cards first issued under it. */
    public boolean historical() {
        return !current;
    }

    /** The years in use as a teller reads them, e.g. "1980-1995". */
    public String yearsInUse() {
        return firstYear + "-" + lastYear;
    }
}
