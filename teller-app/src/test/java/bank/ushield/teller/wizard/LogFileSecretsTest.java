package bank.ushield.teller.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;

import bank.ushield.db.CaseState;
import bank.ushield.db.TrainingCustomer;
import bank.ushield.db.TrainingDataGenerator;
import bank.ushield.renewal.PresentedCard;
import bank.ushield.renewal.wiring.TrainingWorld;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.teller.error.ErrorTexts;
import bank.ushield.teller.launch.WorkstationLogging;
import bank.ushield.teller.task.CurrentThreadTaskExecutor;

/**
 * The workstation's log file after a whole training renewal (a wrong PIN first), a login and a password typed into
 * the login field, all at DEBUG: no token PIN, staff password, private key, full ID number or card number in it, and
 * the file and its folder owner-only.
 */
class LogFileSecretsTest {

    @TempDir
    Path dir;

    @Test
    void aRenewalLeavesNoSecretInTheLogFile() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Path dataDir = dir.resolve("data");
        RollingFileAppender<ILoggingEvent> file = WorkstationLogging.logFile(context, dataDir);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        root.addAppender(file);
        root.setLevel(Level.DEBUG);
        TrainingCustomer c;
        try (TrainingFixture fixture = TrainingFixture.create(dir.resolve("training"), Clock.systemUTC())) {
            RenewalWorkstation ws = fixture.workstation();
            ws.login("teller01", TrainingFixture.password());
            // A password typed into the login field by mistake.
            catchThrowable(() -> ws.login(TrainingDataGenerator.TRAINING_PASSWORD, "x".toCharArray()));
            c = fixture.expired45();
            AtomicInteger prompts = new AtomicInteger();
            String[] pins = {"87654321", TrainingWorld.TOKEN_PIN};
            RenewalWizardModel m = new RenewalWizardModel(new RenewalWizardModel.Parts(ws.renewals(fixture.teller("teller01")),
                    serial -> ws.parts().token().read(serial), id -> ws.parts().customers().byId(id),
                    r -> ws.receiptPdf().render(r),
                    request -> pins[Math.min(prompts.getAndIncrement(), pins.length - 1)].toCharArray()),
                    new CurrentThreadTaskExecutor(), ErrorTexts.explainer());
            m.openCase(c.customerNo());
            m.verifyId(TrainingFixture.document(c));
            m.verifyCard(new PresentedCard(TrainingFixture.onlineCard(c), false));
            fixture.world().insert(c.tokenSerial());
            m.detectToken();
            m.verifyToken(c.mediaVoucherNo());
            m.repersonalise();
            m.syncNow();
            m.installAndTest();
            assertThat(m.renewalCase().state()).isEqualTo(CaseState.COMPLETED);
        } finally {
            root.setLevel(before);
            root.detachAppender(file);
            file.stop();
        }
        Path logFile = dataDir.resolve(WorkstationLogging.LOG_FILE);
        String log = Files.readString(logFile);
        // The renewal was logged (the test would pass on an empty file otherwise).
        assertThat(log).contains(c.customerNo()).contains("DEBUG");
        assertThat(log).doesNotContain(TrainingWorld.TOKEN_PIN).doesNotContain("87654321")
                .doesNotContain(TrainingDataGenerator.TRAINING_PASSWORD)
                .doesNotContain("PRIVATE KEY")
                .doesNotContain(c.idNumber())
                .doesNotContain(TrainingFixture.onlineCard(c));
        assertThat(Files.getPosixFilePermissions(logFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(logFile.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }
}
