package bank.ushield.idverification;

import bank.ushield.idverification.card.BankCardCheck;
import bank.ushield.idverification.card.BinTable;
import bank.ushield.idverification.card.CardData;
import bank.ushield.idverification.card.Luhn;
import bank.ushield.idverification.document.Mod112;
import bank.ushield.idverification.document.RegionCodes;
import bank.ushield.idverification.document.ResidentIdNumbers;
import bank.ushield.idverification.emv.ApduChannel;
import bank.ushield.idverification.emv.EmvCardReader;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Prints how long the checks take (median of 7 rounds): first load of the shipped tables, ID number validation,
 * card check with HMAC matching, and a full EMV read over a replayed card. Run:
 * {@code mvn -q -pl id-verification test-compile exec:java -Dexec.mainClass=bank.ushield.idverification.ChecksBench
 * -Dexec.classpathScope=test}
 */
public final class ChecksBench {

    private ChecksBench() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        long t0 = System.nanoTime();
        int regions = RegionCodes.shipped().all().size();
        int bins = BinTable.shipped().entries().size();
        out.printf("first load of shipped tables (%d region codes, %d BIN rows): %.1f ms%n", regions, bins,
                (System.nanoTime() - t0) / 1e6);

        List<String> ids = Generated.cases(10_000, x -> {
            String body = "110105" + (1950 + x.nextInt(60)) + String.format("%02d%02d", 1 + x.nextInt(12), 1 + x.nextInt(28))
                    + Generated.digits(x, 3);
            return body + Mod112.checkCharacter(body);
        }).toList();
        ResidentIdNumbers validator = ResidentIdNumbers.withShippedRegions();
        LocalDate visit = LocalDate.of(2026, 11, 25);
        report(out, "ID number validations", ids.size(), () -> ids.forEach(id -> validator.validate(id, visit)));

        String pan = "622202100112345678" + Luhn.checkDigit("622202100112345678");
        var customer = TestCustomer.zhang().withCards(TestCustomer.card(pan, true, CustomerRecord.CardStatus.ACTIVE));
        BankCardCheck cards = BankCardCheck.icbc(TestCustomer.HASHER);
        report(out, "card checks (Luhn, BIN, HMAC match)", 10_000,
                () -> { for (int i = 0; i < 10_000; i++) { cards.check(CardData.manual(pan), customer, visit); } });

        ApduChannel card = emvCard();
        report(out, "EMV reads over a replayed card", 2_000,
                () -> { for (int i = 0; i < 2_000; i++) { read(card); } });
    }

    private static ApduChannel emvCard() throws ReflectiveOperationException {
        // the test's replayed debit card, through reflection to keep the bench in this package
        Class<?> test = Class.forName("bank.ushield.idverification.emv.EmvCardReaderTest");
        var m = test.getDeclaredMethod("debitCard");
        m.setAccessible(true);
        return (ApduChannel) m.invoke(null);
    }

    private static void read(ApduChannel card) {
        try {
            new EmvCardReader(card, () -> LocalDate.of(2026, 11, 25)).read();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void report(PrintStream out, String what, int n, Runnable round) {
        round.run(); // warm-up
        double[] us = new double[7];
        for (int i = 0; i < us.length; i++) {
            long t = System.nanoTime();
            round.run();
            us[i] = (System.nanoTime() - t) / 1e3 / n;
        }
        Arrays.sort(us);
        out.printf("%s: median %.2f us each (min %.2f, max %.2f), %d per round%n", what, us[3], us[0], us[6], n);
    }
}
