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
 * {@code -Dushield.log.level} or {@code USHIELD_LOG_LEVEL} says otherwise.
 */
public final class WorkstationLogging extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";
    /** The file pattern has the date (and time zone offset) in full: a file is read days later. */
    static final String FILE_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n";
    /** The log file inside the data folder. */
    public static final String LOG_FILE = "logs/workstation.log";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || WorkstationLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        String level = System.getProperty("ushield.log.level", System.getenv("USHIELD_LOG_LEVEL"));
        configure(context, bank.ushield.teller.AppPaths.defaultDataDir(System::getenv), Level.toLevel(level, Level.INFO));
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
        root.addAppender(file(context, dataDir));
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
    }

    private static RollingFileAppender<ILoggingEvent> file(LoggerContext context, java.nio.file.Path dataDir) {
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
}
