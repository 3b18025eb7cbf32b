package bank.ushield.idverification.document;

import bank.ushield.idverification.DocumentType;
import bank.ushield.idverification.Sex;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GaT467TextBlockTest {

    @Test
    void aConstructedResidentIdBlockParsesIntoItsFields() throws Exception {
        IdCardData d = GaT467TextBlock.parse(GaT467Samples.zhangSan().text(), GaT467Samples.photo());
        assertThat(d.type()).isEqualTo(DocumentType.RESIDENT_ID);
        assertThat(d.name()).isEqualTo("张三");
        assertThat(d.sex()).isEqualTo(Sex.FEMALE);
        assertThat(d.nationCode()).isEqualTo("01");
        assertThat(d.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(d.address()).isEqualTo("北京市朝阳区建国路1号");
        assertThat(d.number()).isEqualTo("11010519491231002X");
        assertThat(d.issuingAuthority()).isEqualTo("北京市公安局朝阳分局");
        assertThat(d.validFrom()).isEqualTo(LocalDate.of(2010, 1, 1));
        assertThat(d.validTo()).isEmpty();
        assertThat(d.photo()).hasSize(1024).startsWith((byte) 'W', (byte) 'L');
        assertThat(d.toString()).doesNotContain("19491231").doesNotContain("张三");
    }

    @Test
    void aDatedCardAndAFifteenCharacterNameFillTheirFields() throws Exception {
        byte[] text = GaT467Samples.zhangSan()
                .put(0, 30, "阿依古丽·买买提江·艾合买提尼")  // 15 characters: the whole field
                .put(204, 220, "20300101").text();
        assertThat(text.length).isEqualTo(256);
        IdCardData d = GaT467TextBlock.parse(text, null);
        assertThat(d.name()).isEqualTo("阿依古丽·买买提江·艾合买提尼");
        assertThat(d.validTo()).contains(LocalDate.of(2030, 1, 1));
        assertThat(d.photo()).isEmpty();
    }

    @Test
    void theResidencePermitLayoutIsRecognisedByItsMark() throws Exception {
        byte[] text = GaT467Samples.zhangSan().put(122, 158, "810000199408230021").put(248, 250, "J").text();
        IdCardData d = GaT467TextBlock.parse(text, null);
        assertThat(d.type()).isEqualTo(DocumentType.RESIDENCE_PERMIT_HMT);
        assertThat(d.toPresented(DocumentToCheck.Source.ID_CARD_READER).type())
                .isEqualTo(DocumentType.RESIDENCE_PERMIT_HMT);
    }

    @Test
    void malformedBlocksAreRefusedWithAProblemCode() {
        assertThatThrownBy(() -> GaT467TextBlock.parse(new byte[255], null))
                .isInstanceOfSatisfying(IdCardReadException.class,
                        e -> assertThat(e.problem()).isEqualTo(IdCardReadException.Problem.MALFORMED_DATA));
        assertThatThrownBy(() -> GaT467TextBlock.parse(new byte[256], null))
                .isInstanceOf(IdCardReadException.class);
        assertThatThrownBy(() -> GaT467TextBlock.parse(GaT467Samples.zhangSan().put(36, 52, "19490231").text(), null))
                .hasMessageContaining("birth date");
        assertThatThrownBy(() -> GaT467TextBlock.parse(GaT467Samples.zhangSan().put(30, 32, "3").text(), null))
                .hasMessageContaining("sex");
        assertThatThrownBy(() -> GaT467TextBlock.parse(GaT467Samples.zhangSan().text(), new byte[100]))
                .hasMessageContaining("photo");
        assertThatThrownBy(() -> GaT467TextBlock.parse(GaT467Samples.zhangSan().put(248, 250, "I").text(), null))
                .isInstanceOfSatisfying(IdCardReadException.class,
                        e -> assertThat(e.problem()).isEqualTo(IdCardReadException.Problem.UNSUPPORTED_CARD_TYPE));
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButAReadException() {
        var r = new java.util.SplittableRandom(bank.ushield.idverification.Generated.SEED);
        byte[] good = GaT467Samples.zhangSan().text();
        for (int i = 0; i < 2000; i++) {
            byte[] t = Arrays.copyOf(good, good.length);
            for (int k = 0; k < 1 + r.nextInt(8); k++) {
                t[r.nextInt(t.length)] = (byte) r.nextInt(256);
            }
            try {
                GaT467TextBlock.parse(t, null);
            } catch (IdCardReadException expected) {
                // fine: refused with a problem code
            }
        }
    }

    @Test
    void theSamAdapterAndManualEntryGiveTheSameData() throws Exception {
        IdCardData read = new SamIdCardReader(() -> new SamIdCardReader.RawCard(GaT467Samples.zhangSan().text(),
                GaT467Samples.photo())).read();
        IdCardData typed = new ManualIdCardEntry(() -> new ManualIdCardEntry.Form("张三", "女", "1949-12-31",
                "11010519491231002X", "20100101", "长期")).read();
        assertThat(typed.number()).isEqualTo(read.number());
        assertThat(typed.birthDate()).isEqualTo(read.birthDate());
        assertThat(typed.sex()).isEqualTo(read.sex());
        assertThat(typed.validFrom()).isEqualTo(read.validFrom());
        assertThat(typed.validTo()).isEqualTo(read.validTo()).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> new SamIdCardReader(() -> null).read())
                .isInstanceOfSatisfying(IdCardReadException.class,
                        e -> assertThat(e.problem()).isEqualTo(IdCardReadException.Problem.NO_CARD));
        assertThatThrownBy(() -> new ManualIdCardEntry(() -> new ManualIdCardEntry.Form("张三", "?", "19491231",
                "11010519491231002X", "20100101", "")).read()).hasMessageContaining("sex");
    }
}
