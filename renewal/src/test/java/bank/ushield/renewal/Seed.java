package bank.ushield.renewal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import bank.ushield.db.CardKind;
import bank.ushield.db.CardStatus;
import bank.ushield.db.CertificateRecord;
import bank.ushield.db.CertificateStatus;
import bank.ushield.db.Customer;
import bank.ushield.db.Database;
import bank.ushield.db.IdentityDocumentType;
import bank.ushield.db.Gender;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.RegisteredToken;
import bank.ushield.db.Repositories;
import bank.ushield.db.StaffRole;
import bank.ushield.db.TokenStatus;
import bank.ushield.renewal.wiring.RenewalWorkstation;

/** Seeds a workstation database through the db repositories: staff, and customers with tokens and certificates. */
final class Seed {

    static final String WS = "0102-T01";
    static final String PASSWORD_SUFFIX = "-pw-2026";
    /** A valid ICBC debit card number (BIN 622202, Luhn). */
    static final String PAN = luhn("622202000012345678");
    static final String OTHER_PAN = luhn("622202000087654321");

    private Seed() {
    }

    /** Customer "张三" with ID 11010519491231002X, card PAN, token serial, certificate expired {@code days} ago. */
    record SeededCustomer(long id, String customerNo, String idNumber, String tokenSerial) {
    }

    static void site(Path dataFolder, Clock clock) {
        try (Database db = TrainingDatabases.open(dataFolder)) {
            Repositories r = repos(db, dataFolder, clock);
            r.branches().saveBranch("0102", "北京西单支行");
            r.branches().saveWorkstation(WS, "0102", "T01", true);
            for (String[] s : new String[][] {{"teller1", "王小明", "TELLER"}, {"teller2", "李丽", "TELLER"},
                    {"manager1", "赵主管", "MANAGER"}}) {
                r.staff().create(s[0], s[1], StaffRole.valueOf(s[2]), "0102", (s[0] + PASSWORD_SUFFIX).toCharArray());
            }
        }
    }

    static Repositories repos(Database db, Path dataFolder, Clock clock) {
        return new Repositories(db, CardMatchingKey.forDataFolder(dataFolder), new PasswordHasher(
                new PasswordHasher.Params(1024, 1, 1)), clock);
    }

    static SeededCustomer customer(Path dataFolder, Clock clock, String customerNo, String name, String idNumber,
                                   LocalDate birth, String pan, String tokenSerial, int daysExpired) {
        try (Database db = TrainingDatabases.open(dataFolder)) {
            return customer(repos(db, dataFolder, clock), clock, customerNo, name, idNumber, birth, pan, tokenSerial,
                    daysExpired);
        }
    }

    private static SeededCustomer customer(Repositories r, Clock clock, String customerNo, String name,
                                           String idNumber, LocalDate birth, String pan, String tokenSerial,
                                           int daysExpired) {
        Customer c = r.customers().insert(customerNo, name, birth, Gender.F, null);
        r.customers().addDocument(c.id(), IdentityDocumentType.RESIDENT_ID, idNumber, name, LocalDate.of(2010, 1, 1), null, true);
        r.cards().insert(c.id(), pan, CardKind.DEBIT, true, CardStatus.ACTIVE);
        RegisteredToken t = r.tokens().insert(tokenSerial, voucher(tokenSerial),
                "U-shield SIM", "ushield training", c.id(), TokenStatus.ACTIVE);
        Instant notAfter = clock.instant().minus(daysExpired, ChronoUnit.DAYS);
        r.certificates().insert(new CertificateRecord(0, t.id(),
                java.util.HexFormat.of().formatHex(tokenSerial.getBytes(java.nio.charset.StandardCharsets.US_ASCII)), "CN=Training Personal CA,O=Training Bank,C=CN",
                "CN=" + customerNo + ",O=U-shield Customers,C=CN", notAfter.minus(1826, ChronoUnit.DAYS), notAfter,
                "seed-" + tokenSerial, CertificateStatus.ACTIVE, null));
        return new SeededCustomer(c.id(), customerNo, idNumber, tokenSerial);
    }

    /** The media voucher number seeded for a token serial (10 digits). */
    static String voucher(String tokenSerial) {
        return "12" + String.format("%08d", Math.floorMod(tokenSerial.hashCode(), 100_000_000));
    }

    static String luhn(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int d = body.charAt(body.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return body + (10 - sum % 10) % 10;
    }
}
