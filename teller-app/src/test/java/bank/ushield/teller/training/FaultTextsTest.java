package bank.ushield.teller.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.ResourceBundle;

import bank.ushield.renewal.training.ScenarioFault;
import org.junit.jupiter.api.Test;

/** Every injected fault a scenario can name is described in words in both languages on the trainer's briefing. */
class FaultTextsTest {

    @Test
    void everyFaultKindHasATextInBothLanguages() {
        for (Locale locale : new Locale[] {Locale.ROOT, Locale.SIMPLIFIED_CHINESE}) {
            ResourceBundle texts = ResourceBundle.getBundle("bank.ushield.teller.training.Training", locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            for (ScenarioFault.Kind kind : ScenarioFault.Kind.values()) {
                assertThat(texts.containsKey("Fault." + kind.name())).as(locale + " Fault." + kind).isTrue();
                assertThat(texts.getString("Fault." + kind.name())).as(locale + " Fault." + kind)
                        .doesNotContainPattern("[A-Z]+_[A-Z_]+");
            }
        }
    }
}
