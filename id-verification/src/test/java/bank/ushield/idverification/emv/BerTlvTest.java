package bank.ushield.idverification.emv;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static bank.ushield.idverification.emv.ReplayChannel.HEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BerTlvTest {

    @Test
    void nestedTemplatesMultiByteTagsAndLongLengthsParse() {
        // 70 81 xx { 5A 08 ..., 5F24 03 ..., 9F1F 82 0001 xx } with 00 padding between objects
        String inner = "5A086222021001123456" + "00" + "5F2403291231" + "9F1F820001AB";
        byte[] data = HEX.parseHex("7081" + String.format("%02X", inner.length() / 2) + inner);
        List<Tlv> tlvs = BerTlv.parse(data);
        assertThat(tlvs).hasSize(1);
        assertThat(tlvs.get(0).constructed()).isTrue();
        assertThat(tlvs.get(0).children()).extracting(Tlv::tag).containsExactly(0x5A, 0x5F24, 0x9F1F);
        assertThat(Tlv.find(tlvs, 0x5F24).orElseThrow().value()).containsExactly(0x29, 0x12, 0x31);
        assertThat(Tlv.find(tlvs, 0x9F1F).orElseThrow().value()).containsExactly(0xAB);
        assertThat(tlvs.get(0).toString()).doesNotContain("6222");
    }

    @Test
    void malformedDataRaisesOnlyMalformedTlvException() {
        for (String bad : List.of("5A", "5A09112233", "9F", "9F9F9F9F0100", "5A84000000010", "7003 5A0511", "5A8300FFFF00")) {
            assertThatThrownBy(() -> BerTlv.parse(HEX.parseHex(bad.replace(" ", "").length() % 2 == 0
                    ? bad.replace(" ", "") : bad.replace(" ", "") + "0"))).as(bad).isInstanceOf(MalformedTlvException.class);
        }
        assertThat(BerTlv.parse(new byte[0])).isEmpty();
        assertThat(BerTlv.parse(HEX.parseHex("0000FF"))).isEmpty();
    }

    @Test
    void randomBytesNeverThrowAnythingElse() {
        SplittableRandom r = new SplittableRandom(bank.ushield.idverification.Generated.SEED);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[r.nextInt(64)];
            r.nextBytes(b);
            try {
                BerTlv.parse(b);
            } catch (MalformedTlvException expected) {
                // the only allowed failure
            }
        }
    }

    @Test
    void dataObjectListsGiveTagsAndLengths() {
        List<int[]> dol = BerTlv.parseDol(HEX.parseHex("9F66049F02065F2A029A039C019F3704"));
        assertThat(dol).extracting(e -> e[0]).containsExactly(0x9F66, 0x9F02, 0x5F2A, 0x9A, 0x9C, 0x9F37);
        assertThat(dol).extracting(e -> e[1]).containsExactly(4, 6, 2, 3, 1, 4);
    }
}
