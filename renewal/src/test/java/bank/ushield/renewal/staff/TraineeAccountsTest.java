package bank.ushield.renewal.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditEntry;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditQuery;
import bank.ushield.audit.AuditSearch;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.Database;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.Repositories;
import bank.ushield.db.TrainingDataGenerator;
import bank.ushield.renewal.RenewalException;
import bank.ushield.renewal.StaffMember;
import bank.ushield.renewal.training.ScenarioTrainingDesk;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.token.KeyAlgorithm;

/**
 * ADR 0091 on a real training workstation (training SQLite file, its audit log): the trainer creates, resets,
 * disables and enables trainee accounts, each audited under the trainer's login, passwords hashed and never in the
 * log; the trainee then logs in as themselves; a trainer can make or touch no manager, trainer or IT account and
 * nobody but a trainer manages trainees.
 */
class TraineeAccountsTest {

    private static final String PASSWORD = "trainee-pass-7";
    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path root;
    RenewalWorkstation ws;
    ScenarioTrainingDesk desk;
    StaffAccounts accounts;
    final StaffSession trainer = new StaffSession("trainer01", "trainer01", Role.TRAINER, Instant.now());

    @BeforeEach
    void trainingWorkstation() {
        Path dir = root.resolve("training");
        Database db = Database.open(dir.resolve(RenewalWorkstation.TRAINING_DB));
        new TrainingDataGenerator(new Repositories(db, CardMatchingKey.forDataFolder(dir), new PasswordHasher(), CLOCK))
                .generate(1, 0);
        ws = RenewalWorkstation.training(dir, TrainingDataGenerator.WORKSTATION_ID, KeyAlgorithm.EC_P256, CLOCK);
        desk = new ScenarioTrainingDesk(ws, dir.resolve("scenarios"), CLOCK, () -> { });
        accounts = desk.accounts();
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private List<AuditEntry> entries(AuditEventType type) {
        List<AuditEntry> out = new ArrayList<>();
        new AuditSearch(ws.database()).forEach(AuditQuery.builder().type(type).limit(100).build(), out::add);
        return out;
    }

    @Test
    void theTrainerCreatesATraineeWhoThenLogsInAsThemselves() {
        accounts.create(trainer, "trainee07", "王小明", Role.TELLER, PASSWORD.toCharArray());

        assertThat(accounts.list()).extracting(StaffAccounts.Account::login).contains("trainee07")
                .doesNotContain("manager01", "trainer01");
        assertThat(desk.trainees()).contains("trainee07");
        StaffMember trainee = ws.login("trainee07", PASSWORD.toCharArray());
        assertThat(trainee.role()).isEqualTo(StaffMember.Role.TELLER);

        // Hashed as every staff password (PHC string), the password itself nowhere in the row or the log.
        String hash = ws.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT password_hash FROM staff_user WHERE login = 'trainee07'").mapTo(String.class).one());
        assertThat(hash).startsWith("$").doesNotContain(PASSWORD);
        AuditEntry created = entries(AuditEventType.STAFF_ACCOUNT_CREATED).stream()
                .filter(e -> e.details().contains("trainee07")).findFirst().orElseThrow();
        assertThat(created.actor()).isEqualTo("trainer01");
        assertThat(created.role()).isEqualTo("TRAINER");
        assertThat(created.details()).contains("TELLER").doesNotContain(PASSWORD);
    }

    @Test
    void theTrainerResetsDisablesAndEnablesATrainee() {
        accounts.create(trainer, "trainee08", null, Role.TELLER, PASSWORD.toCharArray());
        accounts.resetPassword(trainer, "trainee08", "another-pass-8".toCharArray());
        assertThatThrownBy(() -> ws.login("trainee08", PASSWORD.toCharArray())).isInstanceOf(RenewalException.class);
        assertThat(ws.login("trainee08", "another-pass-8".toCharArray()).login()).isEqualTo("trainee08");

        accounts.setActive(trainer, "trainee08", false);
        assertThatThrownBy(() -> ws.login("trainee08", "another-pass-8".toCharArray()))
                .isInstanceOf(RenewalException.class);
        assertThat(desk.trainees()).doesNotContain("trainee08");
        // No run is staged in the name of a disabled trainee, nor of anyone who is not a trainee.
        var scenario = desk.scenarios().all().get(0);
        assertThatThrownBy(() -> desk.start(scenario, "trainee08")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> desk.start(scenario, "manager01")).isInstanceOf(IllegalArgumentException.class);
        assertThat(accounts.list()).filteredOn(a -> a.login().equals("trainee08"))
                .extracting(StaffAccounts.Account::active).containsExactly(false);

        accounts.setActive(trainer, "trainee08", true);
        assertThat(ws.login("trainee08", "another-pass-8".toCharArray()).login()).isEqualTo("trainee08");
        List<AuditEntry> changes = entries(AuditEventType.STAFF_ACCOUNT_CHANGED);
        assertThat(changes).extracting(AuditEntry::actor).containsOnly("trainer01");
        assertThat(changes).extracting(AuditEntry::details).anyMatch(d -> d.contains("PASSWORD_RESET"))
                .anyMatch(d -> d.contains("DISABLED")).anyMatch(d -> d.contains("ENABLED"))
                .noneMatch(d -> d.contains("another-pass-8"));
    }

    @Test
    void aTrainerMakesAndTouchesNoManagerTrainerOrItAccount() {
        long before = ws.auditLog().size();
        for (Role role : List.of(Role.MANAGER, Role.TRAINER, Role.IT)) {
            assertThatThrownBy(() -> accounts.create(trainer, "x-" + role, null, role, PASSWORD.toCharArray()))
                    .isInstanceOf(StaffAdministration.Refused.class);
        }
        assertThatThrownBy(() -> accounts.resetPassword(trainer, "manager01", PASSWORD.toCharArray()))
                .isInstanceOf(StaffAdministration.Refused.class);
        assertThatThrownBy(() -> accounts.setActive(trainer, "manager01", false))
                .isInstanceOf(StaffAdministration.Refused.class);
        assertThatThrownBy(() -> accounts.unlock(trainer, "trainer01")).isInstanceOf(StaffAdministration.Refused.class);
        assertThatThrownBy(() -> accounts.changeRole(trainer, "teller01", Role.MANAGER))
                .isInstanceOf(StaffAdministration.Refused.class);

        assertThat(ws.repositories().staff().findByLogin("x-MANAGER")).isEmpty();
        assertThat(ws.login("manager01", TrainingDataGenerator.TRAINING_PASSWORD.toCharArray()).login())
                .isEqualTo("manager01");
        assertThat(entries(AuditEventType.STAFF_ACCOUNT_CREATED)).isEmpty();
        assertThat(entries(AuditEventType.STAFF_ACCOUNT_CHANGED)).isEmpty();
        assertThat(ws.auditLog().size()).isEqualTo(before + 1); // only the manager's login above
    }

    @Test
    void onlyATrainerManagesTrainees() {
        for (Role role : List.of(Role.TELLER, Role.MANAGER, Role.IT)) {
            StaffSession other = new StaffSession("someone", "someone", role, Instant.now());
            assertThatThrownBy(() -> accounts.create(other, "trainee09", null, Role.TELLER, PASSWORD.toCharArray()))
                    .isInstanceOf(StaffAdministration.Refused.class);
            assertThatThrownBy(() -> accounts.resetPassword(other, "teller01", PASSWORD.toCharArray()))
                    .isInstanceOf(StaffAdministration.Refused.class);
        }
        assertThat(ws.repositories().staff().findByLogin("trainee09")).isEmpty();
    }
}
