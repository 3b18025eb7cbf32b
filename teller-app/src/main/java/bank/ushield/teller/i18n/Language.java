package bank.ushield.teller.i18n;

import java.util.Locale;

/** The UI languages: Simplified Chinese is primary, English the fallback. */
public enum Language {
    CHINESE(Locale.SIMPLIFIED_CHINESE),
    ENGLISH(Locale.ENGLISH);

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }
}
