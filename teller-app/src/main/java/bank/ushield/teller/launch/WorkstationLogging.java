package bank.ushield.teller.launch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The workstation's logging set up in code (found by logback through ServiceLoader): the same console output the
 * former logback.xml gave, without loading logback's XML configurator and an XML parser at every start (about 600
 * classes, measured as the largest single phase of the cold start). A logback-test.xml on the class path or
 * -Dlogback.configurationFile still wins. Besides standard error, a rolling file {@code logs/workstation.log} in the
 * data folder (a new file each day and at 10 MB, 30 days and 300 MB kept at most); the level is INFO unless
 * {@code -Dushield.log.level} or {@code USHIELD_LOG_LEVEL} says otherwise. The data folder is {@code --data-dir}
 * (main hands it over as {@link #DATA_DIR_PROPERTY} before logging starts), else {@code $USHIELD_HOME}, else
 * the default. The logs folder is owner-only (0700), the log file too (0600).
 */
public final class WorkstationLogging extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";
    /** The file pattern has the date (and time zone offset) in full: a file is read days later. */
    static final String FILE_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n";
    /** The log file inside the data folder. */
    public static final String LOG_FILE = "logs/workstation.log";
    /** The system property main sets from {@code --data-dir}, read when logging starts. */
    public static final String DATA_DIR_PROPERTY = "ushield.data.dir";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || WorkstationLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        String level = System.getProperty("ushield.log.level", System.getenv("USHIELD_LOG_LEVEL"));
        String dataDir = System.getProperty(DATA_DIR_PROPERTY);
        configure(context, dataDir != null ? java.nio.file.Path.of(dataDir)
                : bank.ushield.teller.AppPaths.defaultDataDir(System::getenv), Level.toLevel(level, Level.INFO));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Standard error and the rolling file under {@code dataDir}, both at {@code level}. */
    static void configure(LoggerContext context, java.nio.file.Path dataDir, Level level) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDERR");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        root.addAppender(console);
        root.addAppender(logFile(context, dataDir));
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
    }

    /** The rolling log file under {@code dataDir}, started, its folder and file made owner-only first. */
    public static RollingFileAppender<ILoggingEvent> logFile(LoggerContext context, java.nio.file.Path dataDir) {
        ownerOnly(context, dataDir.resolve(LOG_FILE));
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(FILE_PATTERN);
        encoder.setCharset(java.nio.charset.StandardCharsets.UTF_8);
        encoder.start();
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(dataDir.resolve(LOG_FILE).toString());
        file.setEncoder(encoder);
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(file);
        policy.setFileNamePattern(dataDir.resolve("logs").resolve("workstation.%d{yyyy-MM-dd}.%i.log.gz").toString());
        policy.setMaxFileSize(FileSize.valueOf("10MB"));
        policy.setMaxHistory(30);
        policy.setTotalSizeCap(FileSize.valueOf("300MB"));
        policy.start();
        file.setRollingPolicy(policy);
        file.start();
        return file;
    }

    /**
     * The logs folder 0700 and the log file 0600 before logback opens it (it would take the umask's 0644); files
     * rolled later are inside the owner-only folder.
     */
    static void ownerOnly(LoggerContext context, java.nio.file.Path logFile) {
        java.nio.file.Path folder = logFile.getParent();
        try {
            PrivateFiles.folders(folder);   // the data folder too, when this is its first use
            if (!folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                return;
            }
            java.nio.file.Files.setPosixFilePermissions(folder,
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            if (!java.nio.file.Files.exists(logFile)) {
                java.nio.file.Files.createFile(logFile, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            }
            java.nio.file.Files.setPosixFilePermissions(logFile,
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (java.io.IOException e) {
            // Logging is not up yet: logback's status list reports it (printed when the file then fails to open).
            context.getStatusManager().add(new ch.qos.logback.core.status.WarnStatus(
                    "Cannot make the log folder " + folder + " owner-only", WorkstationLogging.class, e));
        }
    }
}
