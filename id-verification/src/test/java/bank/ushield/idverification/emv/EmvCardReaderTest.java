package bank.ushield.idverification.emv;

import bank.ushield.idverification.card.CardData;
import bank.ushield.idverification.card.CardReadException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Optional;

import static bank.ushield.idverification.emv.ReplayChannel.ascii;
import static bank.ushield.idverification.emv.ReplayChannel.tlv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chip read against APDU responses constructed to the EMV / PBOC 3.0 layout of a UnionPay debit card (not
 * recorded from a physical card: see docs/id-verification.md).
 */
class EmvCardReaderTest {

    static final String PAN = "6222021001123456784";
    static final String DEBIT_AID = "A000000333010101";
    static final String SELECT_PPSE = "00A404000E" + ascii("2PAY.SYS.DDF01");
    static final String SELECT_PSE = "00A404000E" + ascii("1PAY.SYS.DDF01");
    static final String SELECT_DEBIT = "00A4040008" + DEBIT_AID;

    static String ppse(String... aids) {
        StringBuilder entries = new StringBuilder();
        for (String aid : aids) {
            entries.append(tlv("61", tlv("4F", aid) + tlv("50", ascii("UnionPay")) + tlv("87", "01")));
        }
        return tlv("6F", tlv("84", ascii("2PAY.SYS.DDF01")) + tlv("A5", tlv("BF0C", entries.toString()))) + "9000";
    }

    static String fci(String aid) {
        // PDOL asks for TTQ, amount, country, currency, date, type, unpredictable number
        return tlv("6F", tlv("84", aid) + tlv("A5", tlv("50", ascii("PBOC DEBIT")) + tlv("87", "01")
                + tlv("9F38", "9F66049F02069F1A025F2A029A039C019F3704"))) + "9000";
    }

    static String record(String content) {
        return tlv("70", content) + "9000";
    }

    /** A debit card: AFL SFI 1 record 1 (track 2, name), SFI 2 records 1-2 (PAN, expiry, sequence; CDOL). */
    static ReplayChannel debitCard() {
        return new ReplayChannel()
                .on(SELECT_PPSE, ppse(DEBIT_AID))
                .on(SELECT_DEBIT, fci(DEBIT_AID))
                .on("80A80000", tlv("80", "7C00" + "08010100" + "10010200") + "9000")
                .on("00B2010C", record(tlv("57", "6222021001123456784D29122201234567890F") + tlv("5F20", ascii(" "))))
                .on("00B20114", record(tlv("5A", "6222021001123456784F") + tlv("5F24", "291231")
                        + tlv("5F25", "191201") + tlv("5F34", "01")))
                .on("00B20214", record(tlv("8C", "9F02069F03069F1A0295055F2A029A039C019F3704")));
    }

    private static CardData read(ReplayChannel card) throws CardReadException {
        return new EmvCardReader(card, () -> LocalDate.of(2026, 11, 25)).read();
    }

    @Test
    void aUnionPayDebitCardIsReadThroughPpseGpoAndTheAfl() throws Exception {
        ReplayChannel card = debitCard();
        CardData d = read(card);
        assertThat(d.pan()).isEqualTo(PAN);
        assertThat(d.expiry()).contains(LocalDate.of(2029, 12, 31));
        assertThat(d.holderName()).isEmpty(); // 5F20 blank, as on most Chinese debit cards
        assertThat(d.panSequence()).contains(1);
        assertThat(d.source()).isEqualTo(CardData.Source.CHIP);
        assertThat(card.sent).hasSize(6);
        assertThat(card.sent.get(0)).startsWith(SELECT_PPSE);
        assertThat(card.sent.get(1)).startsWith(SELECT_DEBIT);
        // GPO: 83 with 4+6+2+2+3+1+4 = 22 bytes of PDOL data, country and currency 0156, date 261125
        assertThat(card.sent.get(2)).startsWith("80A8000018" + "8316" + "46000000" + "000000000000" + "0156" + "0156"
                + "261125" + "31");
        assertThat(card.sent.subList(3, 6)).containsExactly("00B2010C00", "00B2011400", "00B2021400");
        assertThat(d.toString()).doesNotContain(PAN);
    }

    @Test
    void theCreditApplicationIsUsedWhenItIsTheOnlyUnionPayOne() throws Exception {
        String credit = "A000000333010102";
        ReplayChannel card = debitCard()
                .on(SELECT_PPSE, ppse("A0000000031010", credit))
                .on("00A4040008" + credit, fci(credit));
        read(card);
        assertThat(card.sent.get(1)).startsWith("00A4040008" + credit);
    }

    @Test
    void contactCardsWithoutPpseAreReadThroughThePse() throws Exception {
        ReplayChannel card = debitCard()
                .on(SELECT_PPSE, "6A82")
                .on(SELECT_PSE, tlv("6F", tlv("84", ascii("1PAY.SYS.DDF01")) + tlv("A5", tlv("88", "01"))) + "9000")
                .on("00B2010C", record(tlv("61", tlv("4F", DEBIT_AID) + tlv("50", ascii("UnionPay"))))
                        + "")
                .on("00B2020C", "6A83");
        // the PSE directory's SFI 1 collides with the application's SFI 1 in this replay; give the app SFI 3
        card.on("80A80000", tlv("80", "7C00" + "18010100" + "10010200") + "9000")
                .on("00B2011C", record(tlv("57", "6222021001123456784D29122201234567890F")));
        CardData d = read(card);
        assertThat(d.pan()).isEqualTo(PAN);
        assertThat(card.sent).contains(SELECT_PSE + "00", "00B2020C00");
    }

    @Test
    void withoutAnyDirectoryTheUnionPayAidsAreTriedDirectly() throws Exception {
        ReplayChannel card = debitCard().on(SELECT_PPSE, "6A82").on(SELECT_PSE, "6A82");
        assertThat(read(card).pan()).isEqualTo(PAN);
    }

    @Test
    void t0StatusWordsAreFollowed() throws Exception {
        // SELECT answers 61xx: data comes with GET RESPONSE; READ RECORD answers 6Cxx: resend with that Le
        String fci = fci(DEBIT_AID);
        String fciData = fci.substring(0, fci.length() - 4);
        ReplayChannel card = debitCard()
                .on(SELECT_DEBIT, "61" + String.format("%02X", fciData.length() / 2))
                .on("00C00000", fci)
                .on("00B2011400", "6C0F")
                .on("00B201140F", record(tlv("5A", "6222021001123456784F") + tlv("5F24", "291231")));
        CardData d = read(card);
        assertThat(d.pan()).isEqualTo(PAN);
        assertThat(card.sent).contains("00C00000" + String.format("%02X", fciData.length() / 2), "00B201140F");
    }

    @Test
    void panFromTrack2WhenThereIsNo5A() throws Exception {
        ReplayChannel card = debitCard()
                .on("00B20114", record(tlv("5F34", "00")))
                .on("00B2010C", record(tlv("57", "6222021001123456784D30062201234567890F") + tlv("5F20", ascii("ZHANG/SAN"))));
        CardData d = read(card);
        assertThat(d.pan()).isEqualTo(PAN);
        assertThat(d.expiry()).contains(LocalDate.of(2030, 6, 30));
        assertThat(d.holderName()).contains("ZHANG/SAN");
        assertThat(d.panSequence()).contains(0);
    }

    @Test
    void gpoFormat2IsUnderstood() throws Exception {
        ReplayChannel card = debitCard().on("80A80000", tlv("77", tlv("82", "7C00") + tlv("94", "0801010010010200")) + "9000");
        assertThat(read(card).pan()).isEqualTo(PAN);
    }

    @Test
    void problemsBecomeCardReadExceptionsWithACode() {
        assertProblem(debitCard().on(SELECT_PPSE, ppse("A0000000031010")), CardReadException.Problem.NOT_UNIONPAY_CHIP);
        assertProblem(new ReplayChannel(), CardReadException.Problem.NOT_UNIONPAY_CHIP);
        assertProblem(debitCard().on("80A80000", "6985"), CardReadException.Problem.CARD_ERROR);
        assertProblem(debitCard().on("80A80000", tlv("80", "7C000801") + "9000"), CardReadException.Problem.MALFORMED_DATA);
        assertProblem(debitCard().on("00B20114", "70055A0362" + "9000"), CardReadException.Problem.MALFORMED_DATA);
        assertProblem(debitCard().on("00B20114", record(tlv("5A", "6222021001123456785F"))),
                CardReadException.Problem.MALFORMED_DATA); // 5A and track 2 disagree
        assertProblem(debitCard().on("00B2010C", "6A83"), CardReadException.Problem.CARD_ERROR);
        assertProblem(c -> {
            throw new java.io.IOException("card removed");
        }, CardReadException.Problem.CARD_ERROR);
        assertProblem(c -> new byte[]{(byte) 0x90}, CardReadException.Problem.CARD_ERROR);
    }

    private static void assertProblem(ApduChannel card, CardReadException.Problem problem) {
        assertThatThrownBy(() -> new EmvCardReader(card, () -> LocalDate.of(2026, 11, 25)).read())
                .isInstanceOfSatisfying(CardReadException.class, e -> assertThat(e.problem()).isEqualTo(problem));
    }

    @Test
    void pcscWithoutAReaderSaysSo() {
        var reader = new PcscCardReader(Optional.empty(), LocalDate::now);
        assertThatThrownBy(reader::read).isInstanceOfSatisfying(CardReadException.class,
                e -> assertThat(e.problem()).isIn(CardReadException.Problem.NO_READER, CardReadException.Problem.NO_CARD));
    }
}
