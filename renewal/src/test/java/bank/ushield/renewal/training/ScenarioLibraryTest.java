package bank.ushield.renewal.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLibraryTest {

    @Test
    void allBuiltInScenariosLoadWithTitlesInBothLanguages() {
        ScenarioLibrary library = ScenarioLibrary.builtIn();
        assertThat(library.all()).extracting(Scenario::id).containsExactlyElementsOf(ScenarioLibrary.BUILT_IN);
        assertThat(library.problems()).isEmpty();
        for (Scenario s : library.all()) {
            assertThat(s.title().in(Locale.SIMPLIFIED_CHINESE)).as(s.id()).matches(".*\\p{IsHan}.*");
            assertThat(s.title().in(Locale.ENGLISH)).as(s.id()).matches("[\\x20-\\x7e]+");
            assertThat(s.source()).isEqualTo("built-in");
        }
    }

    @Test
    void scenarioFilesCarryTheirFaultsAndPresentedItems() {
        ScenarioLibrary library = ScenarioLibrary.builtIn();
        assertThat(library.get("wrong-pin-twice").fault(ScenarioFault.Kind.WRONG_PIN)).get()
                .extracting(ScenarioFault::count).isEqualTo(2);
        assertThat(library.get("token-pulled-during-write").fault(ScenarioFault.Kind.TOKEN_REMOVED)).get()
                .extracting(ScenarioFault::step).isEqualTo("CERTIFICATE_WRITE");
        Scenario otherCard = library.get("card-of-another-customer");
        assertThat(otherCard.cardPresented()).isNotEqualTo(otherCard.customer().cardNumber());
        assertThat(library.get("wrong-token").token().belongsToCustomer()).isFalse();
        assertThat(library.get("expired-id-manager-override").customer().idValidToDays()).isNegative();
        assertThat(library.get("expired-10-days").token().certificateExpiredDays()).isEqualTo(10);
    }

    @Test
    void trainersOwnFilesAreAddedAndMayReplaceABuiltInOne(@TempDir Path dir) throws Exception {
        String own = Files.readString(Path.of(ScenarioLibraryTest.class
                .getResource("/bank/ushield/renewal/training/scenarios/pin-locked.json").toURI()));
        Files.writeString(dir.resolve("my-locked.json"), own.replace("\"pin-locked\"", "\"my-locked\""));
        Files.writeString(dir.resolve("pin-locked.json"), own.replace("Token PIN locked", "PIN locked (our branch)"));
        Files.writeString(dir.resolve("notes.txt"), "not a scenario");

        ScenarioLibrary library = ScenarioLibrary.load(dir);

        assertThat(library.all()).hasSize(ScenarioLibrary.BUILT_IN.size() + 1);
        assertThat(library.get("my-locked").source()).isEqualTo("my-locked.json");
        assertThat(library.get("pin-locked").title().in(Locale.ENGLISH)).isEqualTo("PIN locked (our branch)");
        assertThat(library.problems()).isEmpty();
    }

    @Test
    void brokenTrainerFilesAreReportedWithTheirNameAndLeftOut(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a-broken.json"), "{ \"id\": \"x\", ");
        Files.writeString(dir.resolve("b-typo.json"), "{ \"id\": \"y\", \"titel\": {\"en\": \"typo\"} }");
        Files.writeString(dir.resolve("c-incomplete.json"), "{ \"id\": \"z\", \"title\": {\"en\": \"no customer\"} }");

        ScenarioLibrary library = ScenarioLibrary.load(dir);

        assertThat(library.all()).hasSize(ScenarioLibrary.BUILT_IN.size());
        assertThat(library.problems()).extracting(ScenarioException::code).containsExactly(
                ScenarioException.Code.INVALID_JSON, ScenarioException.Code.INVALID_JSON,
                ScenarioException.Code.MISSING_FIELD);
        assertThat(library.problems().get(0).file()).endsWith("a-broken.json");
        assertThat(library.problems().get(1).getMessage()).contains("titel");
        assertThat(library.problems().get(2).getMessage()).contains("customer");
    }

    @Test
    void unknownScenarioIsATypedError() {
        assertThatThrownBy(() -> ScenarioLibrary.builtIn().get("nope"))
                .isInstanceOfSatisfying(ScenarioException.class,
                        e -> assertThat(e.code()).isEqualTo(ScenarioException.Code.UNKNOWN_SCENARIO));
    }
}
