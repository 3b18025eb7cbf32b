package bank.ushield.renewal.training;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import bank.ushield.db.CardKind;
import bank.ushield.db.CardStatus;
import bank.ushield.db.CertificateRecord;
import bank.ushield.db.CertificateStatus;
import bank.ushield.db.CheckDigits;
import bank.ushield.db.Customer;
import bank.ushield.db.IdentityDocumentType;
import bank.ushield.db.Gender;
import bank.ushield.db.RegisteredToken;
import bank.ushield.db.Repositories;
import bank.ushield.db.TokenStatus;
import bank.ushield.db.TrainingDataGenerator;
import bank.ushield.idverification.document.IdCardValidity;

/**
 * Puts one run of a scenario into the training database: its customer (document, card, token, expired
 * certificate) and, where the scenario needs one, the other customer whose card or token is presented. Numbers
 * are varied per run (check digits recomputed) so a scenario can be run again and again in one database.
 */
final class ScenarioStage {

    /** What was staged: the numbers the customer presents in this run. */
    record Staged(String customerNo, String idNumber, String presentedCard, String presentedToken,
                  String ownTokenSerial) {
    }

    private static final java.time.ZoneId BRANCH_ZONE = bank.ushield.db.Branch.DEFAULT_ZONE; // as the training data

    private final Repositories repos;
    private final Clock clock;

    ScenarioStage(Repositories repos, Clock clock) {
        this.repos = repos;
        this.clock = clock;
    }

    Staged stage(Scenario s, int run) {
        {
            LocalDate today = LocalDate.now(clock.withZone(BRANCH_ZONE));
            String suffix = String.format(Locale.ROOT, "%04d", run % 10_000);
            String customerNo = "SCN" + String.format(Locale.ROOT, "%06d", run);
            ScenarioCustomer c = s.customer();
            String idNumber = varyIdNumber(c.idNumber(), run);
            String ownCard = varyCard(c.cardNumber(), run);
            String ownToken = s.token().serial() + "-" + suffix;

            Gender gender = (idNumber.charAt(16) - '0') % 2 == 1 ? Gender.M : Gender.F;
            Customer customer = repos.customers().insert(customerNo, c.name(), birthOf(idNumber), gender, c.phone());
            LocalDate[] validity = idCardValidity(birthOf(idNumber),
                    c.idValidToDays() == null ? null : today.plusDays(c.idValidToDays()), today);
            LocalDate validFrom = validity[0];
            LocalDate validTo = validity[1];
            repos.customers().addDocument(customer.id(), IdentityDocumentType.valueOf(c.idType()), idNumber, c.name(),
                    validFrom, validTo, true);
            repos.cards().insert(customer.id(), ownCard, CardKind.DEBIT, true, CardStatus.ACTIVE);
            registerToken(customer.id(), ownToken, s, run, c.name(), customerNo);

            String presentedCard = ownCard;
            String presentedToken = ownToken;
            if (s.presentedCardNumber() != null || !s.token().belongsToCustomer()) {
                // The other customer: whose card or token this customer brings.
                Customer other = repos.customers().insert("SCO" + String.format(Locale.ROOT, "%06d", run), "李四",
                        LocalDate.of(1980, 1, 1), Gender.M, null);
                if (s.presentedCardNumber() != null) {
                    presentedCard = varyCard(s.presentedCardNumber(), run + 500_000);
                    repos.cards().insert(other.id(), presentedCard, CardKind.DEBIT, true, CardStatus.ACTIVE);
                }
                if (!s.token().belongsToCustomer()) {
                    presentedToken = "X" + ownToken;
                    registerToken(other.id(), presentedToken, s, run + 5000, "李四", other.customerNo());
                }
            }
            return new Staged(customerNo, idNumber, presentedCard, presentedToken, ownToken);
        }
    }

    private void registerToken(long customerId, String serial, Scenario s, int run, String name, String customerNo) {
        String voucher = String.format(Locale.ROOT, "9%09d", run % 1_000_000_000);
        String model = s.token().model() == null ? "U-shield 2" : s.token().model();
        RegisteredToken token = repos.tokens().insert(serial, voucher, model, "Training", customerId,
                TokenStatus.ACTIVE);
        Instant notAfter = clock.instant().minus(s.token().certificateExpiredDays(), ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.SECONDS);
        Instant notBefore = notAfter.atOffset(ZoneOffset.UTC).minusYears(5).toInstant();
        String serialHex = Long.toHexString(0x5c000000L + run);
        // A placeholder fingerprint until the training world issues the real certificate onto the simulated token.
        repos.certificates().insert(new CertificateRecord(0, token.id(), serialHex,
                TrainingDataGenerator.TRAINING_CA_DN, "CN=" + name + ",OU=" + customerNo + ",O=Training Bank,C=CN",
                notBefore, notAfter, "scenario-" + serial, CertificateStatus.ACTIVE, null));
    }

    /** The same region and birth date, a sequence number from the run (same sex digit parity), new check digit. */
    static String varyIdNumber(String idNumber, int run) {
        int sexParity = (idNumber.charAt(16) - '0') % 2;
        int seq = (run % 450) * 2 + sexParity + 100;
        String body = idNumber.substring(0, 14) + String.format(Locale.ROOT, "%03d", seq % 1000);
        return body + CheckDigits.residentIdCheck(body);
    }

    /** The same BIN and length, the run in the account digits, a new Luhn check digit. */
    static String varyCard(String pan, int run) {
        String payload = pan.substring(0, pan.length() - 7) + String.format(Locale.ROOT, "%06d", run % 1_000_000);
        return payload + CheckDigits.luhnCheck(payload);
    }

    /**
     * A validity period the ID card law gives a holder of this age (id-verification checks it): the scenario's end
     * date when some period fits it, otherwise (a card still valid) one issued a year ago; null end is long-term.
     */
    static LocalDate[] idCardValidity(LocalDate birth, LocalDate validTo, LocalDate today) {
        if (validTo != null) {
            for (int years : new int[] {20, 10, 5}) {
                LocalDate from = validTo.minusYears(years);
                if (!from.isAfter(today) && IdCardValidity.periodYears(
                        java.time.Period.between(birth, from).getYears()).equals(java.util.Optional.of(years))) {
                    return new LocalDate[] {from, validTo};
                }
            }
        }
        LocalDate from = validTo == null ? birth.plusYears(46) : today.minusYears(1);
        if (from.isAfter(today)) {
            from = today.minusYears(1);
        }
        LocalDate to = IdCardValidity.periodYears(java.time.Period.between(birth, from).getYears())
                .map(from::plusYears).orElse(null);
        return new LocalDate[] {from, to};
    }

    private static LocalDate birthOf(String idNumber) {
        return LocalDate.of(Integer.parseInt(idNumber.substring(6, 10)), Integer.parseInt(idNumber.substring(10, 12)),
                Integer.parseInt(idNumber.substring(12, 14)));
    }
}
