package bank.ushield.renewal.training;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A short text in several languages, as written in a scenario file ("zh_CN" first, "en" as fallback). */
public record LocalizedText(@JsonValue Map<String, String> texts) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public LocalizedText {
        texts = texts == null ? Map.of() : Map.copyOf(texts);
    }

    public static LocalizedText of(String zhCn, String en) {
        return new LocalizedText(Map.of("zh_CN", zhCn, "en", en));
    }

    /** The text for the locale: exact tag, then language, then English, then Chinese, then any. */
    public String in(Locale locale) {
        String exact = texts.get(locale.toString());
        if (exact != null) {
            return exact;
        }
        String language = texts.get(locale.getLanguage());
        if (language != null) {
            return language;
        }
        if (locale.getLanguage().equals("zh") && texts.containsKey("zh_CN")) {
            return texts.get("zh_CN");
        }
        if (texts.containsKey("en")) {
            return texts.get("en");
        }
        if (texts.containsKey("zh_CN")) {
            return texts.get("zh_CN");
        }
        return texts.values().stream().findFirst().orElse("");
    }

    public boolean isEmpty() {
        return texts.isEmpty();
    }
}
