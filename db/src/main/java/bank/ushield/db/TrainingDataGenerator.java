package bank.ushield.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a training database with plausible, valid-looking data: Chinese names, 18-digit resident ID numbers with
 * correct check digits and real region codes, ID card validity by the Resident ID Card Law, ICBC-BIN card numbers
 * with Luhn digits, tokens with media voucher numbers, and certificates expired by a spread of days so that every
 * eligibility path has customers; plus one customer per {@link TrainingEdge}. Also seeds the training branch,
 * workstation and staff (password {@value #TRAINING_PASSWORD}).
 *
 * <p>Deterministic: the same seed gives the same customers (customer i depends only on seed and i), and running it
 * again on the same file finds the rows again instead of adding them, resets card and token statuses to the plan and
 * moves date fields so that the expiry spread is counted from the day of the run. Card numbers come back in clear
 * in the result only (trainers type them in); the database holds them only as BIN, last four and keyed hash.
 * Refuses a database that has a production (non-training) workstation.
 */
public final class TrainingDataGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingDataGenerator.class);

    /** The documented password of every training account; production databases never get these accounts. */
    public static final String TRAINING_PASSWORD = "train-1234";
    public static final String BRANCH_ID = "9999";
    public static final String WORKSTATION_ID = "9999-T01";
    /** Training staff: login, display name, role. */
    static final List<Object[]> STAFF = List.of(
            new Object[] {"teller01", "柜员 一", StaffRole.TELLER},
            new Object[] {"teller02", "柜员 二", StaffRole.TELLER},
            new Object[] {"manager01", "主管 一", StaffRole.MANAGER},
            new Object[] {"trainer01", "培训师 一", StaffRole.TRAINER});
    /** Days since certificate expiry given to plain customers in turn (negative: not yet expired). */
    public static final List<Integer> EXPIRY_SPREAD = List.of(-100, -60, 10, 30, 31, 45, 400, 2000);
    /** Days since expiry of the edge-case customers: beyond the self-service window, so only the edge stops them. */
    public static final int EDGE_DAYS_SINCE_EXPIRY = 45;
    public static final String TRAINING_CA_DN = "CN=Training Personal CA,O=Training Bank,C=CN";

    private static final ZoneId BRANCH_ZONE = Branch.DEFAULT_ZONE;
    private static final LocalDate OLDEST_BIRTH = LocalDate.of(1950, 1, 1);
    private static final LocalDate YOUNGEST_BIRTH = LocalDate.of(2004, 12, 31);
    private static final String[][] TOKEN_MODELS = {
            {"Watchdata", "WatchKey USB 2.0"}, {"Feitian", "ePass3003"}, {"Tendyron", "TDR U-Key A5"}};
    /** The SM2 U-shield model of the training data (the training key policy renews it with SM2). */
    public static final String[] SM2_TOKEN_MODEL = {"Longmai", "GM3000 SM2"};
    private static final DateTimeFormatter BIRTH = DateTimeFormatter.BASIC_ISO_DATE;

    private final Repositories repos;

    public TrainingDataGenerator(Repositories repos) {
        this.repos = repos;
    }

    /** Seeds site and staff, then makes (or finds again) {@code customers} customers for the seed. */
    public TrainingData generate(long seed, int customers) {
        if (customers < 0) {
            throw new IllegalArgumentException("customers must be >= 0");
        }
        refuseProductionDatabase();
        List<String> logins = seedSiteAndStaff();
        LocalDate today = LocalDate.now(repos.clock().withZone(BRANCH_ZONE));
        List<Plan> plans = plan(seed, customers, today);
        List<TrainingCustomer> made = repos.jdbi().inTransaction(h -> {
            List<TrainingCustomer> out = new ArrayList<>(plans.size());
            for (Plan p : plans) {
                out.add(store(p));
            }
            return out;
        });
        LOG.info("Training data: {} customers for seed {} as of {}", made.size(), seed, today);
        return new TrainingData(BRANCH_ID, WORKSTATION_ID, logins, seed, List.copyOf(made));
    }

    private void refuseProductionDatabase() {
        long production = repos.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM workstation WHERE training = 0").mapTo(Long.class).one());
        if (production > 0) {
            throw new DatabaseException("This database belongs to a production workstation; training data is written "
                    + "only to a training database.");
        }
    }

    /** Creates the training branch, workstation and staff accounts if missing; returns the staff logins. */
    public List<String> seedSiteAndStaff() {
        // Names are data in the branch's language, as production's are (the English UI shows customers' Chinese
        // names too); an English gloss here printed English on the Chinese receipt.
        repos.branches().saveBranch(BRANCH_ID, "培训支行");
        repos.branches().saveWorkstation(WORKSTATION_ID, BRANCH_ID, "培训柜台 1", true);
        List<String> logins = new ArrayList<>();
        List<Object[]> missing = new ArrayList<>();
        for (Object[] s : STAFF) {
            logins.add((String) s[0]);
            if (repos.staff().findByLogin((String) s[0]).isEmpty()) {
                missing.add(s);
            }
        }
        // Each Argon2id hash takes about a second of one core: on a new training folder, hash them side by side
        // (the login waits for them), then insert in the list's order.
        List<String> hashes = missing.parallelStream()
                .map(s -> repos.staff().hash(TRAINING_PASSWORD.toCharArray())).toList();
        for (int i = 0; i < missing.size(); i++) {
            Object[] s = missing.get(i);
            repos.staff().createHashed((String) s[0], (String) s[1], (StaffRole) s[2], BRANCH_ID, hashes.get(i));
        }
        return logins;
    }

    // ---- the plan: a pure function of seed, index and day ----

    private record CardPlan(String pan, boolean onlineBanking, CardStatus status) {
    }

    private record Plan(String customerNo, String name, Gender gender, LocalDate birth, String phone, String idNumber,
                        LocalDate idFrom, LocalDate idTo, List<CardPlan> cards, String tokenSerial, String voucher,
                        String[] tokenModel, TokenStatus tokenStatus, String certSerialHex, Instant notBefore,
                        Instant notAfter, int daysSinceExpiry, Set<TrainingEdge> edges) {
    }

    private static List<Plan> plan(long seed, int count, LocalDate today) {
        List<Plan> plans = new ArrayList<>(count);
        Set<String> idNumbers = new HashSet<>();
        Set<String> pans = new HashSet<>();
        Set<String> serials = new HashSet<>();
        TrainingEdge[] edges = TrainingEdge.values();
        // One independent stream per customer, drawn in order from the seed: customer i depends only on seed and i.
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            SplittableRandom r = new SplittableRandom(seeds.nextLong());
            Set<TrainingEdge> edge = i < edges.length ? EnumSet.of(edges[i]) : EnumSet.noneOf(TrainingEdge.class);
            int days = i < edges.length ? EDGE_DAYS_SINCE_EXPIRY : EXPIRY_SPREAD.get((i - edges.length) % EXPIRY_SPREAD.size());
            plans.add(planOne(r, seed, i, today, edge, days, idNumbers, pans, serials));
        }
        return plans;
    }

    private static Plan planOne(SplittableRandom r, long seed, int i, LocalDate today, Set<TrainingEdge> edge, int days,
                                Set<String> idNumbers, Set<String> pans, Set<String> serials) {
        Gender gender = r.nextBoolean() ? Gender.M : Gender.F;
        String name = name(r, gender);
        LocalDate birth;
        if (edge.contains(TrainingEdge.ID_CARD_EXPIRED)) {
            // Born 1996 (a fixed year keeps the ID number the same on every run): the card that just ran out was
            // a 10-year card issued at about 20, or a 20-year one issued after 26 in later decades (art. 5).
            birth = LocalDate.of(1996, 1, 1).plusDays(r.nextInt(0, 365));
        } else {
            birth = OLDEST_BIRTH.plusDays(r.nextLong(ChronoUnit.DAYS.between(OLDEST_BIRTH, YOUNGEST_BIRTH) + 1));
        }
        String idNumber;
        do {
            String region = TrainingNames.REGIONS.get(r.nextInt(TrainingNames.REGIONS.size()));
            int sequence = r.nextInt(1, 500) * 2 + (gender == Gender.M ? 1 : 0); // odd: male, even: female
            String first17 = region + BIRTH.format(birth) + String.format("%03d", sequence);
            idNumber = first17 + CheckDigits.residentIdCheck(first17);
        } while (!idNumbers.add(idNumber));

        LocalDate idFrom;
        LocalDate idTo;
        if (edge.contains(TrainingEdge.ID_CARD_EXPIRED)) {
            idTo = today.minusDays(20);
            int ageAtTenYearIssue = Period.between(birth, idTo.minusYears(10)).getYears();
            idFrom = ageAtTenYearIssue > 25 ? idTo.minusYears(20) : idTo.minusYears(10);
        } else {
            // First card at an age between 16 and now, then renewed each time it ran out, up to today's card.
            int age = Period.between(birth, today).getYears();
            idFrom = birth.plusYears(16 + r.nextInt(Math.max(1, age - 16 + 1))).plusDays(r.nextInt(0, 200));
            if (idFrom.isAfter(today)) {
                idFrom = today.minusDays(r.nextInt(1, 30));
            }
            idTo = validTo(birth, idFrom);
            while (idTo != null && !idTo.isAfter(today)) {
                idFrom = idTo;
                idTo = validTo(birth, idFrom);
            }
        }

        List<CardPlan> cards = new ArrayList<>();
        CardStatus primaryStatus = edge.contains(TrainingEdge.CARD_LOST) ? CardStatus.LOST : CardStatus.ACTIVE;
        boolean online = !edge.contains(TrainingEdge.ONLINE_BANKING_OFF);
        cards.add(new CardPlan(pan(r, TrainingNames.BINS_19, 19, pans), online, primaryStatus));
        if (edge.isEmpty() && r.nextInt(10) < 3) {
            cards.add(new CardPlan(pan(r, TrainingNames.BINS_16, 16, pans), false, CardStatus.ACTIVE));
        }

        String serial;
        do {
            serial = "TRN" + digits(r, 13);
        } while (!serials.add(serial));
        String voucher = (char) ('1' + r.nextInt(9)) + digits(r, 9);
        String[] drawn = TOKEN_MODELS[r.nextInt(TOKEN_MODELS.length)];
        // Every eighth customer has an SM2 (国密) U-shield; drawn anyway so the other customers stay as they were.
        String[] model = i % 8 == 5 ? SM2_TOKEN_MODEL : drawn;
        TokenStatus tokenStatus = edge.contains(TrainingEdge.TOKEN_LOST) ? TokenStatus.LOST : TokenStatus.ACTIVE;

        byte[] serialBytes = new byte[16];
        for (int b = 0; b < serialBytes.length; b++) {
            serialBytes[b] = (byte) r.nextInt(256);
        }
        serialBytes[0] &= 0x7F; // a positive INTEGER, as RFC 5280 wants
        serialBytes[0] |= 0x10;
        Instant notAfter = today.minusDays(days).atTime(9 + r.nextInt(9), r.nextInt(60)).atZone(BRANCH_ZONE).toInstant();
        Instant notBefore = notAfter.atZone(BRANCH_ZONE).minusYears(5).toInstant();
        String customerNo = String.format("TR%04d%06d", Math.floorMod(seed, 10_000), i + 1);
        String phone = "1" + (3 + r.nextInt(7)) + digits(r, 9);
        return new Plan(customerNo, name, gender, birth, phone, idNumber, idFrom, idTo, cards, serial, voucher, model,
                tokenStatus, HexFormat.of().formatHex(serialBytes), notBefore, notAfter, days, edge);
    }

    /** End of validity of a resident ID card issued on {@code from} (Resident ID Card Law art. 5); null: long-term. */
    static LocalDate validTo(LocalDate birth, LocalDate from) {
        int ageAtIssue = Period.between(birth, from).getYears();
        if (ageAtIssue < 16) {
            return from.plusYears(5);
        } else if (ageAtIssue <= 25) {
            return from.plusYears(10);
        } else if (ageAtIssue <= 45) {
            return from.plusYears(20);
        }
        return null;
    }

    private static String name(SplittableRandom r, Gender gender) {
        int n = TrainingNames.SURNAMES.size();
        // the smaller of two draws: common surnames come up more often, as in life
        String surname = TrainingNames.SURNAMES.get(Math.min(r.nextInt(n), r.nextInt(n)));
        List<String> given = gender == Gender.M ? TrainingNames.GIVEN_MALE : TrainingNames.GIVEN_FEMALE;
        StringBuilder name = new StringBuilder(surname).append(given.get(r.nextInt(given.size())));
        if (r.nextInt(10) < 7) {
            name.append(given.get(r.nextInt(given.size())));
        }
        return name.toString();
    }

    private static String pan(SplittableRandom r, List<String> bins, int length, Set<String> used) {
        String pan;
        do {
            String body = bins.get(r.nextInt(bins.size())) + digits(r, length - 7);
            pan = body + CheckDigits.luhnCheck(body);
        } while (!used.add(pan));
        return pan;
    }

    private static String digits(SplittableRandom r, int count) {
        StringBuilder s = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            s.append((char) ('0' + r.nextInt(10)));
        }
        return s.toString();
    }

    // ---- storing: insert what is missing, find again what is there ----

    private TrainingCustomer store(Plan p) {
        Customer customer = repos.customers().findByCustomerNo(p.customerNo())
                .orElseGet(() -> repos.customers().insert(p.customerNo(), p.name(), p.birth(), p.gender(), p.phone()));
        IdentityDocument doc = repos.customers().findDocument(IdentityDocumentType.RESIDENT_ID, p.idNumber()).orElse(null);
        if (doc == null) {
            doc = repos.customers().addDocument(customer.id(), IdentityDocumentType.RESIDENT_ID, p.idNumber(), p.name(),
                    p.idFrom(), p.idTo(), true);
        } else {
            repos.customers().updateDocumentValidity(doc.id(), p.idFrom(), p.idTo());
        }
        List<TrainingCard> cards = new ArrayList<>();
        for (CardPlan c : p.cards()) {
            BankCard card = repos.cards().findByPan(c.pan()).orElse(null);
            if (card == null) {
                card = repos.cards().insert(customer.id(), c.pan(), CardKind.DEBIT, c.onlineBanking(), c.status());
            } else {
                repos.cards().updateStatus(card.id(), c.status());
                repos.cards().setOnlineBanking(card.id(), c.onlineBanking());
            }
            cards.add(new TrainingCard(card.id(), c.pan(), c.onlineBanking(), c.status()));
        }
        RegisteredToken token = repos.tokens().findBySerial(p.tokenSerial()).orElse(null);
        if (token == null) {
            token = repos.tokens().insert(p.tokenSerial(), p.voucher(), p.tokenModel()[1], p.tokenModel()[0],
                    customer.id(), p.tokenStatus());
        } else {
            repos.tokens().updateStatus(token.id(), p.tokenStatus());
        }
        String fingerprint = placeholderFingerprint(p.certSerialHex());
        CertificateRecord cert = repos.certificates().findByFingerprint(fingerprint).orElse(null);
        if (cert == null) {
            cert = repos.certificates().insert(new CertificateRecord(0, token.id(), p.certSerialHex(), TRAINING_CA_DN,
                    "CN=" + p.name() + ",OU=" + p.customerNo() + ",O=Training Bank,C=CN", p.notBefore(), p.notAfter(),
                    fingerprint, CertificateStatus.ACTIVE, null));
        } else if (cert.der() == null) {
            long id = cert.id();
            repos.jdbi().useHandle(h -> h.createUpdate(
                            "UPDATE certificate SET not_before = :nb, not_after = :na WHERE id = :id")
                    .bind("nb", p.notBefore()).bind("na", p.notAfter()).bind("id", id).execute());
        }
        return new TrainingCustomer(customer.id(), p.customerNo(), p.name(), p.gender(), p.birth(), doc.id(),
                p.idNumber(), p.idFrom(), p.idTo(), List.copyOf(cards), token.id(), p.tokenSerial(), p.voucher(),
                p.tokenStatus(), cert.id(), p.certSerialHex(), p.notBefore(), p.notAfter(), p.daysSinceExpiry(),
                Set.copyOf(p.edges()));
    }

    /**
     * Generated certificate rows have no DER yet (the training wiring issues real ones later, then calls
     * {@link CertificateRepository#attachDer}); the unique fingerprint column gets a stable stand-in meanwhile.
     */
    static String placeholderFingerprint(String serialHex) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(("training-placeholder:" + TRAINING_CA_DN + ":" + serialHex)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
