package bank.ushield.teller.manager;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import bank.ushield.renewal.StaffMember;
import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.i18n.Texts;

/** The review's staff column names the workstation's own actors in words, never as their stored ids. */
class AuditLabelsActorTest {

    @AfterEach
    void chinese() {
        Texts.setLanguage(Language.CHINESE);
    }

    @Test
    void systemActorsReadAsWhatTheyAreAndPeopleAsTheirLogin() {
        Texts.setLanguage(Language.CHINESE);
        assertThat(AuditLabels.actor(StaffMember.HEAD_OFFICE_SYNC.login())).isEqualTo("总行同步");
        assertThat(AuditLabels.actor("system:training-data")).isEqualTo("培训数据准备");
        assertThat(AuditLabels.actor("system")).isEqualTo("系统");
        assertThat(AuditLabels.actor("system:new-job")).isEqualTo("系统（new-job）");
        assertThat(AuditLabels.actor("teller01")).isEqualTo("teller01");
        assertThat(AuditLabels.actor("IT (root)")).isEqualTo("IT (root)");
        Texts.setLanguage(Language.ENGLISH);
        assertThat(AuditLabels.actor(StaffMember.HEAD_OFFICE_SYNC.login())).isEqualTo("Head-office sync");
        assertThat(AuditLabels.actor("system")).isEqualTo("System");
    }
}
