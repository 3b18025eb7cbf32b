package bank.ushield.teller.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Fails when a text key is missing in a locale, when a key used in code is in no bundle, or when a text's
 * MessageFormat arguments differ between languages (as JabRef's LocalizationConsistencyTest).
 */
class LocalizationConsistencyTest {

    static final Path RESOURCES = Path.of("src/main/resources");
    static final Path SOURCES = Path.of("src/main/java");
    static final List<String> LOCALES = List.of("zh_CN");
    private static final Pattern DECLARATION =
            Pattern.compile("Texts\\s+(\\w+)\\s*=\\s*Texts\\.of\\(\\s*(\\w+)\\.class\\s*,\\s*\"(\\w+)\"\\s*\\)");
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");

    /** Base bundle path (e.g. bank/ushield/teller/login/Login) -> its properties file. */
    static Map<String, Path> baseBundles() throws IOException {
        Map<String, Path> bundles = new TreeMap<>();
        try (Stream<Path> files = Files.walk(RESOURCES.resolve("bank/ushield/teller"))) {
            files.filter(p -> p.toString().endsWith(".properties"))
                    .filter(p -> !p.toString().contains("/themes/"))
                    .filter(p -> !p.getFileName().toString().contains("_"))
                    .forEach(p -> bundles.put(bundleName(p), p));
        }
        return bundles;
    }

    static String bundleName(Path file) {
        String rel = RESOURCES.relativize(file).toString();
        return rel.substring(0, rel.length() - ".properties".length());
    }

    static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    static Properties bundle(String name, String locale) throws IOException {
        Path file = RESOURCES.resolve(name + (locale.isEmpty() ? "" : "_" + locale) + ".properties");
        assertThat(file).as("bundle file").exists();
        return load(file);
    }

    @Test
    void everyBundleHasTheSameKeysInEveryLocale() throws IOException {
        Map<String, Path> bundles = baseBundles();
        assertThat(bundles).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (String name : bundles.keySet()) {
            Properties base = bundle(name, "");
            for (String locale : LOCALES) {
                Properties translated = bundle(name, locale);
                Set<String> missing = new TreeSet<>(base.stringPropertyNames());
                missing.removeAll(translated.stringPropertyNames());
                Set<String> extra = new TreeSet<>(translated.stringPropertyNames());
                extra.removeAll(base.stringPropertyNames());
                missing.forEach(k -> problems.add(name + "_" + locale + " lacks " + k));
                extra.forEach(k -> problems.add(name + " (English) lacks " + k + " that " + locale + " has"));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void textsAreValidMessageFormatsWithTheSameArgumentsInEveryLocale() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String name : baseBundles().keySet()) {
            Properties base = bundle(name, "");
            for (String key : base.stringPropertyNames()) {
                String english = base.getProperty(key);
                if (english.isBlank()) {
                    problems.add(name + " " + key + " is empty");
                }
                for (String locale : LOCALES) {
                    String translated = bundle(name, locale).getProperty(key);
                    if (translated == null) {
                        continue; // reported by the other test
                    }
                    try {
                        new MessageFormat(translated.replace("'", "''"));
                        new MessageFormat(english.replace("'", "''"));
                    } catch (IllegalArgumentException e) {
                        problems.add(name + " " + key + " is not a valid MessageFormat: " + e.getMessage());
                    }
                    if (!arguments(english).equals(arguments(translated))) {
                        problems.add(name + " " + key + " uses arguments " + arguments(english) + " in English but "
                                + arguments(translated) + " in " + locale);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static Set<String> arguments(String text) {
        Set<String> args = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(text);
        while (m.find()) {
            args.add(m.group(1));
        }
        return args;
    }

    @Test
    void everyKeyUsedInCodeExists() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path java : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = Files.readString(java, StandardCharsets.UTF_8);
                String pkg = SOURCES.relativize(java.getParent()).toString();
                Matcher decl = DECLARATION.matcher(source);
                while (decl.find()) {
                    String field = decl.group(1);
                    String bundleName = pkg + "/" + decl.group(3);
                    Path file = RESOURCES.resolve(bundleName + ".properties");
                    if (!Files.exists(file)) {
                        problems.add(java + " declares bundle " + bundleName + " which does not exist");
                        continue;
                    }
                    Properties bundle = load(file);
                    // Any complete literal that starts with the bundle's name is a key of it (label("Wizard.x"), ...).
                    Matcher use = Pattern.compile("\"(" + decl.group(3) + "\\.[A-Za-z0-9_.]*[A-Za-z0-9_])\"")
                            .matcher(source);
                    while (use.find()) {
                        checked++;
                        if (!bundle.containsKey(use.group(1))) {
                            problems.add(java.getFileName() + " uses " + use.group(1) + ", missing in " + bundleName);
                        }
                    }
                }
            }
        }
        assertThat(checked).as("keys found in code").isGreaterThan(50);
        assertThat(problems).isEmpty();
    }

    @Test
    void keysBuiltFromEnumsExist() throws IOException {
        List<String> problems = new ArrayList<>();
        Properties shell = bundle("bank/ushield/teller/shell/Shell", "");
        for (bank.ushield.renewal.staff.Role role : bank.ushield.renewal.staff.Role.values()) {
            String lower = role.name().toLowerCase(java.util.Locale.ROOT);
            require(shell, "Shell.role." + lower, problems);
        }
        Properties errors = bundle("bank/ushield/teller/error/Errors", "");
        for (String code : bank.ushield.teller.error.ErrorTexts.fixedCodes()) {
            for (String part : List.of("title", "causes", "next")) {
                require(errors, "Error." + code + "." + part, problems);
            }
        }
        Properties wizard = bundle("bank/ushield/teller/wizard/Wizard", "");
        for (bank.ushield.teller.wizard.WizardStep s : bank.ushield.teller.wizard.WizardStep.values()) {
            require(wizard, "Wizard.step." + s.name(), problems);
        }
        for (bank.ushield.renewal.AbortReason r : bank.ushield.renewal.AbortReason.values()) {
            require(wizard, "Wizard.abortReason." + r.name(), problems);
        }
        for (String t : new String[] {"RESIDENT_ID", "PASSPORT", "HK_MACAU_PERMIT", "TAIWAN_PERMIT",
            "RESIDENCE_PERMIT_HMT", "FOREIGNER_PERMANENT_ID", "HOUSEHOLD_REGISTER"}) {
            require(wizard, "Wizard.docType." + t, problems);
        }
        // The trainer's score names every handling step a scenario can expect.
        Properties training = bundle("bank/ushield/teller/training/Training", "");
        for (bank.ushield.renewal.training.HandlingStep step : bank.ushield.renewal.training.HandlingStep.values()) {
            require(training, "Step." + step.name(), problems);
        }
        Properties home = bundle("bank/ushield/teller/home/Home", "");
        for (String state : List.of("OPENED", "ID_VERIFIED", "CARD_VERIFIED", "TOKEN_VERIFIED", "KEY_GENERATED",
                "CSR_QUEUED", "CERT_RECEIVED", "CERT_INSTALLED", "COMPLETED", "ABORTED")) {
            require(home, "Home.state." + state, problems);
        }
        // The manager's review shows labels, never raw codes: every event type, outcome and failure reason.
        Properties manager = bundle("bank/ushield/teller/manager/Manager", "");
        for (bank.ushield.audit.AuditEventType t : bank.ushield.audit.AuditEventType.values()) {
            require(manager, "Event." + t.name(), problems);
        }
        for (bank.ushield.audit.AuditOutcome o : bank.ushield.audit.AuditOutcome.values()) {
            require(manager, "Outcome." + o.name(), problems);
        }
        for (bank.ushield.renewal.staff.Role role : bank.ushield.renewal.staff.Role.values()) {
            require(manager, "Role." + role.name(), problems);
        }
        // The manager's verify result names every reason verification can give in words (issue 21).
        for (String reason : bank.ushield.renewal.review.ReviewCodes.verifyReasons()) {
            require(manager, "Review.verify.reason." + reason, problems);
        }
        for (String finding : bank.ushield.renewal.review.ReviewCodes.anchorFindings()) {
            require(manager, "Review.verify.anchor." + finding, problems);
        }
        for (bank.ushield.renewal.AbortReason r : bank.ushield.renewal.AbortReason.values()) {
            require(manager, "Reason." + r.name(), problems);
        }
        for (bank.ushield.idverification.ReasonCode r : bank.ushield.idverification.ReasonCode.values()) {
            require(manager, "Reason." + r.name(), problems);
        }
        for (String code : List.of("WRONG_PIN", "PIN_LOCKED", "TOKEN_REMOVED", "TOKEN_FAULT", "TOKEN_SWAPPED",
                "TOKEN_ABSENT", "PIN_ENTRY_CANCELLED", "SELF_TEST_FAILED", "AUTH_BAD_CREDENTIALS", "AUTH_NOT_A_MANAGER",
                "AUTH_OWN_CASE", "AUTH_ACCOUNT_LOCKED")) {
            bank.ushield.renewal.ProblemCode.valueOf(code); // still a problem code
            require(manager, "Reason." + code, problems);
        }
        assertThat(problems).isEmpty();
    }

    static void require(Properties bundle, String key, List<String> problems) {
        if (!bundle.containsKey(key)) {
            problems.add("missing " + key);
        }
    }
}
