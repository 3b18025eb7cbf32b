package bank.ushield.teller.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.renewal.ProblemExplainer;

/**
 * The user-visible strings of one UI package: a resource bundle per package, zh_CN first, English (the base
 * bundle) as fallback. Swing-free so models and explainers can use it in headless tests.
 */
public final class Texts implements ProblemExplainer.Wording {

    private static final Logger LOG = LoggerFactory.getLogger(Texts.class);
    /** No fallback to the JVM's default locale: English must mean the base bundle, whatever the OS says. */
    private static final ResourceBundle.Control CONTROL =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static volatile Locale locale = Language.CHINESE.locale();

    private final String baseName;

    private Texts(String baseName) {
        this.baseName = baseName;
    }

    /** The bundle named {@code simpleName} in the package of {@code anchor}, e.g. (LoginFrame.class, "Login"). */
    public static Texts of(Class<?> anchor, String simpleName) {
        return new Texts(anchor.getPackageName() + "." + simpleName);
    }

    /** The bundle of a fully qualified base name, for a class that shows another package's texts. */
    public static Texts named(String baseName) {
        return new Texts(baseName);
    }

    /** Sets the UI language for every bundle; called once at start from the settings. */
    public static void setLanguage(Language language) {
        locale = Objects.requireNonNull(language).locale();
        // Other modules' bundles (renewal's problem texts) use the default locale's fallback: keep them in step.
        Locale.setDefault(locale);
    }

    public static Locale locale() {
        return locale;
    }

    /** The UI language (as {@link #locale()}), for the renewal module's own problem texts. */
    @Override
    public Locale language() {
        return locale;
    }

    public String baseName() {
        return baseName;
    }

    /** The text for {@code key}; a missing key shows as !key! (the consistency test keeps that from shipping). */
    @Override
    public String get(String key) {
        try {
            return bundle(locale).getString(key);
        } catch (MissingResourceException e) {
            LOG.warn("Missing text {} in {} ({})", key, baseName, locale);
            return "!" + key + "!";
        }
    }

    /**
     * The text for {@code key} with MessageFormat arguments (choice formats give real plurals). Apostrophes in
     * the bundles are plain apostrophes ("workstation's"): MessageFormat quoting is not used in our texts.
     */
    @Override
    public String format(String key, Object... args) {
        return new MessageFormat(get(key).replace("'", "''"), locale).format(args);
    }

    @Override
    public boolean has(String key) {
        return bundle(locale).containsKey(key);
    }

    ResourceBundle bundle(Locale l) {
        return ResourceBundle.getBundle(baseName, l, Texts.class.getClassLoader(), CONTROL);
    }
}
