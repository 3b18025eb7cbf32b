package bank.ushield.teller.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;

/** The workstation's log file and start-up cache live in the data folder. */
class WorkstationLoggingTest {

    @Test
    void writesTheRollingFileInTheDataFolderAtTheConfiguredLevel(@TempDir Path data) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        WorkstationLogging.configure(context, data, Level.WARN);
        context.getLogger("bank.ushield.test").warn("share not mounted");
        context.getLogger("bank.ushield.test").info("routine detail");
        context.stop();
        String log = Files.readString(data.resolve(WorkstationLogging.LOG_FILE));
        assertThat(log).contains("WARN", "share not mounted").doesNotContain("routine detail");
    }

    @Test
    void theClassArchiveIsCachedInTheDataFolderNotBesideTheJar() {
        assertThat(ClassArchive.folder(Map.of("USHIELD_HOME", "/srv/ushield")::get))
                .isEqualTo(Path.of("/srv/ushield", "cache"));
    }
}
