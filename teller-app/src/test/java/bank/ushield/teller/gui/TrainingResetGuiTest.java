package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.swing.JComboBox;
import javax.swing.JLabel;

import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.JOptionPaneFinder;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditVerifier;
import bank.ushield.db.Database;
import bank.ushield.db.TrainingDataGenerator;
import bank.ushield.renewal.RenewalCase;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.renewal.StaffMember;
import bank.ushield.teller.AppPaths;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsStore;
import bank.ushield.teller.settings.WorkstationContext;
import bank.ushield.teller.shell.WorkstationApp;
import bank.ushield.teller.task.SwingTaskExecutor;
import bank.ushield.teller.app.DomainWiring;

/**
 * The trainer's "Reset training data" in the running app, wired as {@code TellerApp} wires it (training mode in a
 * data folder, default wiring, real SQLite, simulated tokens, in-process head office): a case and a scenario run
 * made before the reset are gone after it, the trainer stays on the console with the fresh trainees, the fresh
 * training audit log verifies, the training logins still work, and nothing outside the training folder changed.
 */
class TrainingResetGuiTest extends GuiTest {

    @TempDir
    Path dataDir;

    @Test
    void resetInTheRunningAppGivesFreshTrainingDataAndTouchesNothingElse() throws Exception {
        // A production folder beside the training one: the reset must not touch it.
        Path production = dataDir.resolve("production");
        Files.createDirectories(production);
        Files.writeString(production.resolve(RenewalWorkstation.PRODUCTION_DB), "not a training database");
        Files.writeString(dataDir.resolve("settings-marker.txt"), "outside the training folder");

        Clock clock = Clock.systemDefaultZone();
        AppPaths paths = new AppPaths(dataDir, true);
        DomainWiring wiring = DomainWiring.start(paths, Settings.defaults(), clock);
        WorkstationContext ws = new WorkstationContext(paths, new SettingsStore(dataDir), Settings.defaults(),
                new SwingTaskExecutor(e -> ErrorDialog.show(null, e)), wiring.staffAccess(), clock);
        GuiActionRunner.execute(() -> new WorkstationApp(ws, wiring.homeScreens(ws)).showLogin());

        // Before: a teller's open case and the trainer's own scenario file (which a reset keeps).
        RenewalWorkstation before = wiring.renewal();
        String customerNo = firstCustomer(before.database());
        RenewalCase opened = before.renewals(new StaffMember("teller01", "teller01", StaffMember.Role.TELLER))
                .open(customerNo);
        assertThat(count(before.database(), "SELECT count(*) FROM renewal_case")).isEqualTo(1);
        Path ownScenario = paths.modeDir().resolve("scenarios/own-notes.txt");
        Files.createDirectories(ownScenario.getParent());
        Files.writeString(ownScenario, "trainer's own file");
        Map<Path, String> outside = filesOutside(paths.modeDir());

        FrameFixture trainer = login("trainer01");
        trainer.panel("trainerPanel").requireVisible();
        // A scenario run staged before the reset (its customer SCN... is in the training database).
        GuiActionRunner.execute(() -> wiring.trainingDesk().orElseThrow())
                .start(bank.ushield.renewal.training.ScenarioLibrary.builtIn().get("expired-45-days"), "teller02");
        assertThat(count(before.database(), "SELECT count(*) FROM customer WHERE customer_no LIKE 'SCN%'"))
                .isEqualTo(1);

        trainer.button("resetTraining").click();
        JOptionPaneFixture confirm = JOptionPaneFinder.findOptionPane().withTimeout(10_000).using(robot);
        Screenshots.take(javax.swing.SwingUtilities.getWindowAncestor(confirm.target()), "trainer-reset-confirm");
        confirm.okButton().click();
        long clicked = System.nanoTime();
        JLabel status = trainer.label("runStatus").target();
        awaitOnEdt("reset finished", () -> status.getText().startsWith("培训数据已于"));
        // Printed for the record (docs/performance.md), not asserted.
        System.out.printf("Training reset in the running app: %d ms from OK to the result shown%n",
                (System.nanoTime() - clicked) / 1_000_000);
        Screenshots.take(trainer.target(), "trainer-reset-done");
        trainer.button("resetTraining").requireEnabled();
        trainer.button("startScenario").requireEnabled();
        assertThat(status.getText()).contains("可选学员 2 名").contains("场景 " + bank.ushield.renewal.training.ScenarioLibrary.BUILT_IN.size() + " 个");
        @SuppressWarnings("unchecked")
        JComboBox<String> trainees = (JComboBox<String>) trainer.comboBox("traineeBox").target();
        assertThat(GuiActionRunner.execute(trainees::getItemCount)).isPositive();

        // After: a new workstation on a fresh training database; the case and the scenario customer are gone.
        RenewalWorkstation after = wiring.renewal();
        assertThat(after).isNotSameAs(before);
        assertThat(count(after.database(), "SELECT count(*) FROM renewal_case")).isZero();
        assertThat(count(after.database(), "SELECT count(*) FROM customer WHERE customer_no LIKE 'SCN%'")).isZero();
        assertThat(count(after.database(), "SELECT count(*) FROM customer")).isEqualTo(40);
        assertThat(after.repositories().cases().find(opened.id())).isEmpty();
        assertThat(ownScenario).hasContent("trainer's own file");
        assertThat(filesOutside(paths.modeDir())).as("files outside the training folder").isEqualTo(outside);

        // The training logins work on the fresh database, and its audit log verifies.
        trainer.button("headerLogout").click();
        FrameFixture teller = login("teller01");
        teller.panel("tellerHome").requireVisible();
        assertThat(AuditVerifier.verify(after.database()).ok()).isTrue();
        assertThat(count(after.database(), "SELECT count(*) FROM audit_entry WHERE event_type = 'LOGIN_OK'"))
                .as("the teller's login in the fresh audit log").isEqualTo(1);
        teller.button("headerLogout").click();
        frame("loginFrame").requireVisible();
        await("logout written", () -> count(after.database(),
                "SELECT count(*) FROM audit_entry WHERE event_type = 'LOGOUT'") == 2);
        after.close();
    }

    private FrameFixture login(String login) {
        FrameFixture f = frame("loginFrame");
        f.textBox("loginUser").deleteText().enterText(login);
        f.textBox("loginPassword").enterText(TrainingDataGenerator.TRAINING_PASSWORD);
        f.button("loginOk").click();
        return frame("workstationFrame");
    }

    private static String firstCustomer(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT customer_no FROM customer ORDER BY id LIMIT 1")
                .mapTo(String.class).one());
    }

    private static long count(Database db, String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** Every regular file outside the training folder, with its content. */
    private Map<Path, String> filesOutside(Path trainingFolder) throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dataDir)) {
            for (Path p : all.filter(Files::isRegularFile).filter(p -> !p.startsWith(trainingFolder)).toList()) {
                files.put(p, Files.readString(p));
            }
        }
        return files;
    }
}
