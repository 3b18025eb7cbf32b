package bank.ushield.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Where a workstation finds its branch's PostgreSQL database: JDBC URL (TLS and other driver parameters pass through
 * in it, e.g. {@code ?sslmode=verify-full&sslrootcert=/etc/ushield/branch-ca.pem}), user, password and this
 * workstation's id. The password comes from the environment or an owner-only file, never from the settings file
 * itself, and never appears in {@link #toString()} or a log line.
 */
public final class BranchDatabaseSettings {

    /** Settings keys in the workstation's settings.properties. */
    public static final String URL_KEY = "branch.database.url";
    public static final String USER_KEY = "branch.database.user";
    public static final String PASSWORD_FILE_KEY = "branch.database.password-file";
    /** Environment variable holding the password (takes precedence over the file). */
    public static final String PASSWORD_ENV = "USHIELD_DB_PASSWORD";

    /** Workstation ids go into every connection's settings: letters, digits, '-' and '_' only. */
    private static final Pattern WORKSTATION = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final String url;
    private final String user;
    private final char[] password;
    private final String workstation;
    private final Map<String, String> driverProperties;

    private BranchDatabaseSettings(String url, String user, char[] password, String workstation,
                                   Map<String, String> driverProperties) {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new DatabaseException("The branch database URL must start with jdbc:postgresql: (got "
                    + (url == null ? "nothing" : redact(url)) + ")");
        }
        if (url.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
            throw new DatabaseException("The branch database URL must not hold the password: set " + PASSWORD_ENV
                    + " or " + PASSWORD_FILE_KEY + " instead");
        }
        if (user == null || user.isBlank()) {
            throw new DatabaseException("The branch database user is not set (" + USER_KEY + ")");
        }
        if (workstation == null || !WORKSTATION.matcher(workstation).matches()) {
            throw new DatabaseException("The workstation id '" + workstation + "' may hold only letters, digits, '-' and"
                    + " '_' to be used with a branch database");
        }
        refuseUnverifiedTls(url, driverProperties);
        this.url = url;
        this.user = user;
        this.password = password == null ? null : password.clone();
        this.workstation = workstation;
        this.driverProperties = Map.copyOf(driverProperties);
    }

    /**
     * A server on another machine is reached only with {@code sslmode=verify-full}: the password and every case cross
     * the branch's network, and any weaker mode (the driver's default "prefer" included) lets a machine in between
     * pose as the server. Only a server on this machine's loopback address may be reached without TLS.
     */
    private static void refuseUnverifiedTls(String url, Map<String, String> driverProperties) {
        Properties parsed = org.postgresql.Driver.parseURL(url, new Properties());
        if (parsed == null) {
            throw new DatabaseException("The branch database URL " + redact(url) + " is not a PostgreSQL address "
                    + "(jdbc:postgresql://host:port/database)");
        }
        String hosts = parsed.getProperty("PGHOST", "localhost");
        boolean loopback = Arrays.stream(hosts.split(",")).map(String::strip).allMatch(h -> h.equals("localhost")
                || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]"));
        String mode = driverProperties.getOrDefault("sslmode", parsed.getProperty("sslmode"));
        if (mode == null && "true".equalsIgnoreCase(driverProperties.getOrDefault("ssl", parsed.getProperty("ssl")))) {
            mode = "verify-full"; // the driver's meaning of ssl=true without a mode
        }
        if (!loopback && !"verify-full".equals(mode)) {
            throw new DatabaseException("The branch database at " + redact(url) + " is on another machine, so it "
                    + "must be reached with TLS that checks the server's certificate and name: add "
                    + "?sslmode=verify-full&sslrootcert=<the bank CA's PEM file> to the address (now: sslmode="
                    + (mode == null ? "not set, i.e. the driver's unverified \"prefer\"" : mode) + ")");
        }
    }

    /** Settings given directly (tests, tools); the password array is copied. */
    public static BranchDatabaseSettings of(String url, String user, char[] password, String workstation) {
        return new BranchDatabaseSettings(url, user, password, workstation, Map.of());
    }

    /**
     * From the workstation's settings: {@value #URL_KEY}, {@value #USER_KEY}, and the password from the environment
     * variable {@value #PASSWORD_ENV} or else the file named by {@value #PASSWORD_FILE_KEY}, which must be readable
     * by its owner only (a file others may read is refused, as ssh refuses a private key). Returns null when no
     * branch database is configured (the workstation then uses its SQLite file).
     */
    public static BranchDatabaseSettings fromSettings(Properties settings, String workstation,
                                                      UnaryOperator<String> environment) {
        String url = settings.getProperty(URL_KEY, "").strip();
        if (url.isEmpty()) {
            return null;
        }
        String env = environment.apply(PASSWORD_ENV);
        char[] password;
        if (env != null && !env.isEmpty()) {
            password = env.toCharArray();
        } else {
            String file = settings.getProperty(PASSWORD_FILE_KEY, "").strip();
            password = file.isEmpty() ? null : readPasswordFile(Path.of(file));
        }
        try {
            return new BranchDatabaseSettings(url, settings.getProperty(USER_KEY, "").strip(), password, workstation,
                    Map.of());
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** The password file's first line; refused unless only its owner may read it. */
    static char[] readPasswordFile(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new DatabaseException("The branch database password file " + file + " does not exist");
            }
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> open = EnumSet.of(PosixFilePermission.GROUP_READ,
                        PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ,
                        PosixFilePermission.OTHERS_WRITE);
                open.retainAll(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
                if (!open.isEmpty()) {
                    throw new DatabaseException("The branch database password file " + file + " may be read by other "
                            + "users; make it owner-only (chmod 600) and change the password");
                }
            }
            byte[] bytes = Files.readAllBytes(file);
            try {
                String text = new String(bytes, StandardCharsets.UTF_8);
                int end = text.indexOf('\n');
                String line = (end < 0 ? text : text.substring(0, end)).replace("\r", "");
                return line.toCharArray();
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        } catch (IOException e) {
            throw new DatabaseException("Cannot read the branch database password file " + file, e);
        }
    }

    /** A copy with an extra PostgreSQL JDBC driver property (e.g. sslmode), for settings kept outside the URL. */
    public BranchDatabaseSettings withDriverProperty(String name, String value) {
        Map<String, String> props = new LinkedHashMap<>(driverProperties);
        props.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return new BranchDatabaseSettings(url, user, password, workstation, props);
    }

    /** The same database and credentials, as seen by another workstation (the manager's reading of
     * another workstation's log; tests of a branch in one JVM). */
    public BranchDatabaseSettings forWorkstation(String otherWorkstation) {
        return new BranchDatabaseSettings(url, user, password, otherWorkstation, driverProperties);
    }

    /** The JDBC URL (may carry TLS parameters; holds no password: a password in the URL is refused at open). */
    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String workstation() {
        return workstation;
    }

    Map<String, String> driverProperties() {
        return driverProperties;
    }

    /** A copy of the password (null when none is configured: e.g. client-certificate login). */
    char[] password() {
        return password == null ? null : password.clone();
    }

    /** The URL without any query parameters, for log lines and messages. */
    public String redactedUrl() {
        return redact(url);
    }

    private static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?...";
    }

    @Override
    public String toString() {
        return "branch database " + redactedUrl() + " as " + user + " for workstation " + workstation;
    }
}
