package bank.ushield.renewal.wiring;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.casync.headoffice.HeadOfficeCa;
import bank.ushield.idverification.online.SimulatedCitizenVerification;
import bank.ushield.casync.headoffice.RejectionPolicy;
import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.KeyEncoding;
import bank.ushield.token.KeyId;
import bank.ushield.token.KeyPlan;
import bank.ushield.token.Sm2;
import bank.ushield.token.Repersonalisation;
import bank.ushield.token.TokenPort;
import bank.ushield.token.TokenSession;
import bank.ushield.token.TrustedCa;
import bank.ushield.token.simulated.SimulatedTokenPort;
import bank.ushield.renewal.adapter.DistinguishedNames;
import bank.ushield.renewal.cases.HeadOfficeAnswers;
import bank.ushield.renewal.store.TrainingWorldStore;
import bank.ushield.renewal.store.TokenStockStore;
import bank.ushield.renewal.CaseEvent;
import bank.ushield.renewal.CaseEvents;
import bank.ushield.renewal.CaseJournal;
import bank.ushield.renewal.StaffMember;
import bank.ushield.renewal.StockItem;
import bank.ushield.renewal.StockState;

/**
 * Training mode's physical world: a simulated U-shield for every registered training token (same serial, the
 * training PIN, a key pair and an old certificate issued by the head-office simulator's CA with the registered
 * expiry), one simulated desk reader to put them in, and the head office's decisions a trainer controls.
 */
public final class TrainingWorld {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingWorld.class);
    /** The PIN of every simulated training token (the bank's initial PIN for staff-downloaded certificates). */
    public static final String TOKEN_PIN = "12345678";
    /** Tries before a simulated PIN locks. */
    public static final int PIN_TRIES = 6;
    /**
     * The security officer PIN of training blanks and training tokens (head office's delivery PIN in a bank; the same
     * as the test SoftHSM2 tokens', so a SoftHSM2 token can stand in for a blank in the training setup).
     */
    public static final String BLANK_SO_PIN = "87654321";
    /** Blank tokens in the training branch: the first {@link #BLANKS_IN_BOX} in the training teller's box. */
    public static final int BLANKS = 6;
    public static final int BLANKS_IN_BOX = 3;
    /** The training teller whose box holds blanks. */
    public static final String TRAINING_TELLER = "teller01";
    private static final StaffMember TRAINING_DATA =
            new StaffMember("system:training-data", "Training data", StaffMember.Role.SYSTEM);

    private final TrainingWorldStore store;
    private final TokenPort port;
    private final HeadOfficeCa ca;
    private final Clock clock;
    private final int reader;
    private final Map<String, String> rejections = new ConcurrentHashMap<>();
    private final Map<String, String> customerRejections = new ConcurrentHashMap<>();
    /** 联网核查 in training: a match with the stand-in photo unless a scenario or the trainer set another answer. */
    private final SimulatedCitizenVerification citizens =
            new SimulatedCitizenVerification(SimulatedCitizenVerification.Answer.match(null));
    private volatile boolean everyIdCardOnline;

    private final Jdbi jdbi;

    TrainingWorld(Jdbi jdbi, TokenPort port, HeadOfficeCa ca, Clock clock) {
        this.jdbi = jdbi;
        this.store = new TrainingWorldStore(jdbi);
        this.port = port;
        this.ca = ca;
        this.clock = clock;
        this.reader = port instanceof SimulatedTokenPort sim && sim.readers().isEmpty()
                ? sim.addReader("Training desk reader") : 0;
    }

    /** The simulated readers and tokens (faults: {@link SimulatedTokenPort#setFaults}). */
    public SimulatedTokenPort tokens() {
        if (port instanceof SimulatedTokenPort sim) {
            return sim;
        }
        throw new IllegalStateException("this workstation uses a real token port, not simulated tokens");
    }

    /** The head-office simulator's CA (issues the old and the new certificates). */
    public HeadOfficeCa headOfficeCa() {
        return ca;
    }

    /**
     * Puts an "old" key pair and a certificate from the simulator CA with the registered expiry onto a real token
     * (e.g. SoftHSM2), as the customer's token would hold it, and points the certificate row at it. Returns the
     * CKA_ID (hex) of the old key.
     */
    public String personaliseOld(String serial, char[] pin, KeyAlgorithm algorithm) {
        Map<String, Object> row = store.newestCertificateOf(serial);
        Instant notAfter = Instant.parse((String) row.get("not_after"));
        try (TokenSession session = port.open(serial)) {
            session.login(pin);
            KeyPlan plan = KeyPlan.fresh(algorithm, java.time.LocalDate.ofInstant(notAfter, ZoneOffset.UTC));
            session.generateKeyPair(plan);
            PKCS10CertificationRequest csr = new Repersonalisation(new TrustedCa(List.of(caCertificate())), clock)
                    .createCsr(session, plan.id(), DistinguishedNames.fromRfc2253((String) row.get("subject_dn")));
            X509CertificateHolder holder = ca.issue(csr, notAfter.atOffset(ZoneOffset.UTC).minusYears(5).toInstant());
            session.writeCertificate(plan.id(), plan.label(), KeyEncoding.certificate(holder.getEncoded()));
            recordCertificate(((Number) row.get("cert_id")).longValue(), holder);
            return plan.id().hex();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot personalise token " + serial, e);
        }
    }

    private X509Certificate caCertificate() throws GeneralSecurityException, IOException {
        return KeyEncoding.certificate(ca.caCertificate().getEncoded());
    }

    private void recordCertificate(long certificateId, X509CertificateHolder holder)
            throws IOException, GeneralSecurityException {
        X509Certificate cert = KeyEncoding.certificate(holder.getEncoded());
        byte[] der = holder.getEncoded();
        store.recordCertificate(certificateId, cert.getSerialNumber().toString(16),
                cert.getIssuerX500Principal().getName(), cert.getSubjectX500Principal().getName(),
                cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), HeadOfficeAnswers.sha256Hex(der), der);
    }

    /**
     * Makes the simulated token of every registered token whose certificate is not yet the simulator CA's (first
     * start, or after new training data), and points the certificate rows at the certificates now on the tokens.
     * Returns how many tokens were made.
     */
    public int ensureTokens() {
        List<X500Principal> caSubjects = caSubjects();
        List<Map<String, Object>> rows = store.tokensWithNewestCertificate();
        int made = 0;
        for (Map<String, Object> row : rows) {
            if (caSubjects.stream().anyMatch(ca -> issuedBy(ca, (String) row.get("issuer_dn")))) {
                continue; // already this CA's: making it again would add a second key and certificate to the token
            }
            make((String) row.get("serial"), ((Number) row.get("cert_id")).longValue(),
                    (String) row.get("subject_dn"), Instant.parse((String) row.get("not_after")),
                    (String) row.get("model"), (String) row.get("manufacturer"));
            made++;
        }
        if (made > 0) {
            LOG.info("Made {} simulated training tokens", made);
        }
        return made;
    }

    /** Every root head office issues from (an SM2 token's certificate comes from the SM2 root). */
    private List<X500Principal> caSubjects() {
        try {
            List<X500Principal> out = new java.util.ArrayList<>();
            for (X509CertificateHolder c : ca.caCertificates()) {
                out.add(new X500Principal(c.getSubject().getEncoded()));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("CA name unreadable", e);
        }
    }

    /** A training token model that names SM2 holds an SM2 key (国密 U-shields), any other an EC one. */
    static boolean sm2Model(String model) {
        return model != null && model.toUpperCase(java.util.Locale.ROOT).contains("SM2");
    }

    /**
     * Compares names as X.500 names, not as strings: the rows hold RFC 2253 text (most specific RDN last in the
     * encoding, first in the text) while BouncyCastle's toString keeps the encoding's order, so text never matched
     * and every start re-made every training token (ADR 0034).
     */
    static boolean issuedBy(X500Principal ca, String issuerDn) {
        try {
            return issuerDn != null && ca.equals(new X500Principal(issuerDn));
        } catch (IllegalArgumentException notADn) {
            return false;
        }
    }

    private void make(String serial, long certificateId, String subjectDn, Instant notAfter, String model,
                      String manufacturer) {
        try {
            boolean sm2 = sm2Model(model);
            KeyPair kp = sm2 ? sm2KeyPair() : ecKeyPair();
            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(DistinguishedNames.fromRfc2253(subjectDn),
                    kp.getPublic()).build(sm2 ? Sm2.contentSigner(kp.getPrivate(), Sm2.defaultUserId())
                    : new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()));
            // The profile gives five years from "now": issue as of five years before the registered expiry.
            Instant notBefore = notAfter.atOffset(ZoneOffset.UTC).minusYears(5).toInstant();
            X509CertificateHolder holder = ca.issue(csr, notBefore);
            X509Certificate cert = KeyEncoding.certificate(holder.getEncoded());
            try {
                tokens().createToken(serial, "U-shield " + serial.substring(Math.max(0, serial.length() - 4)),
                        TOKEN_PIN.toCharArray(), PIN_TRIES);
            } catch (IllegalArgumentException exists) {
                // Re-made from scratch (new training data): its old key and certificate would otherwise stay beside
                // the new ones, more with every run.
                LOG.debug("Simulated token {} exists; emptied and personalised again", serial);
                tokens().wipe(serial);
            }
            if (model != null) {
                // The registered maker too: the token step shows "model (maker)" as the records have it.
                tokens().setModel(serial, model, manufacturer);
            }
            tokens().ensureSecurityOfficerPin(serial, BLANK_SO_PIN.toCharArray());
            KeyId id = KeyId.random();
            tokens().personalise(serial, id, "ushield-" + id.hex().substring(0, 8), kp, cert);
            recordCertificate(certificateId, holder);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("Cannot make the simulated token " + serial, e);
        }
    }

    /** The serial of training blank {@code n} (1-based). */
    public static String blankSerial(int n) {
        return String.format("TRNBLANK%04d", n);
    }

    /** The media voucher number printed on training blank {@code n}. */
    public static String blankVoucher(int n) {
        return String.format("99000%05d", n);
    }

    /**
     * Makes the simulated blank tokens and records them in stock (received, the first few moved into the training
     * teller's box, each move audited as training data), unless there already; gives every simulated customer token the
     * security officer PIN so a replaced one can be retired. Returns how many stock items were recorded.
     */
    public int ensureBlankStock(CaseJournal journal) {
        if (!(port instanceof SimulatedTokenPort sim)) {
            return 0;
        }
        for (String serial : store.registeredSerials()) {
            if (sim.exists(serial)) {
                sim.ensureSecurityOfficerPin(serial, BLANK_SO_PIN.toCharArray());
            }
        }
        int recorded = 0;
        for (int n = 1; n <= BLANKS; n++) {
            recorded += stockBlank(sim, journal, n, n <= BLANKS_IN_BOX ? TRAINING_TELLER : null);
        }
        if (recorded > 0) {
            LOG.info("Recorded {} training blank tokens in stock", recorded);
        }
        return recorded;
    }

    /**
     * A free blank in this teller's box for a scenario that replaces a token: one already there, else a new simulated
     * blank received and moved into the box (audited like all stock). Empty without a simulated token port.
     */
    public java.util.Optional<String> ensureBlankInBox(String tellerLogin, CaseJournal journal) {
        java.util.Optional<String> free = freeBlankInBox(tellerLogin);
        if (free.isPresent() || !(port instanceof SimulatedTokenPort sim)) {
            return free;
        }
        int n = BLANKS + 1;
        for (; n < 10_000; n++) {
            String serial = blankSerial(n);
            if (jdbi.withHandle(h -> new TokenStockStore().bySerial(h, serial).isEmpty())) {
                break;
            }
        }
        stockBlank(sim, journal, n, tellerLogin);
        return freeBlankInBox(tellerLogin);
    }

    /** Receives blank number {@code n} into the store, and into {@code box}'s teller box unless null; 0 if present. */
    private int stockBlank(SimulatedTokenPort sim, CaseJournal journal, int n, String box) {
        TokenStockStore stock = new TokenStockStore();
        String serial = blankSerial(n);
        if (!sim.exists(serial)) {
            sim.createBlankToken(serial, "U-shield blank", BLANK_SO_PIN.toCharArray(), PIN_TRIES);
        }
        String voucher = blankVoucher(n);
        return jdbi.inTransaction(h -> {
            if (stock.bySerial(h, serial).isPresent() || stock.registeredToCustomer(h, serial, voucher)) {
                return 0;
            }
            Instant now = clock.instant();
            long id = stock.insert(h, serial, voucher, "U-shield SIM", now);
            long seq = journal.record(h, new CaseEvent(CaseEvents.STOCK_MOVED, TRAINING_DATA, 0, null, "SUCCESS",
                    Map.of("move", "receive", "serial", serial, "voucher", voucher, "to", "BRANCH_STORE",
                            "deliveryNote", "培训数据")));
            stock.recordReceipt(h, id, TRAINING_DATA.login(), "培训数据", seq, now);
            if (box != null) {
                StockItem item = stock.byId(h, id).orElseThrow();
                long moveSeq = journal.record(h, new CaseEvent(CaseEvents.STOCK_MOVED, TRAINING_DATA, 0, null,
                        "SUCCESS", Map.of("move", "toTellerBox", "serial", serial, "from", "BRANCH_STORE",
                                "to", "TELLER_BOX", "teller", box)));
                stock.move(h, item, StockState.TELLER_BOX, box, null, TRAINING_DATA.login(),
                        TRAINING_DATA.login(), "培训数据", moveSeq, now);
            }
            return 1;
        });
    }

    /** Puts the token with this serial into the desk reader (taking out whatever was in it). */
    public void insert(String serial) {
        emptyReader();
        tokens().insert(reader, serial);
    }

    /**
     * The 10-digit media voucher number printed on the simulated token's label: the one registered for its serial
     * (training tokens are made to match the register). The wizard shows it in training, where there is no label to
     * read; empty for an unknown serial or a token registered without one.
     */
    public java.util.Optional<String> printedVoucher(String serial) {
        return store.mediaVoucher(serial)
                .or(() -> jdbi.withHandle(h -> new TokenStockStore().bySerial(h, serial)).map(StockItem::mediaVoucherNo));
    }

    /** A blank in this teller's box that no case holds (the trainee's next replacement token), if any. */
    public java.util.Optional<String> freeBlankInBox(String tellerLogin) {
        return jdbi.withHandle(h -> new TokenStockStore().list(h, StockState.TELLER_BOX)).stream()
                .filter(i -> tellerLogin.equals(i.tellerLogin()) && i.caseNo() == null)
                .map(StockItem::serial).findFirst();
    }

    /** Empties the desk reader: the customer served before took their token with them. */
    public void emptyReader() {
        SimulatedTokenPort tokens = tokens();
        for (var slot : tokens.readers()) {
            slot.token().ifPresent(t -> tokens.remove(t.serial()));
        }
    }

    /** Takes the token out of the reader. */
    public void pullOut(String serial) {
        tokens().remove(serial);
    }

    /** The simulated citizen verification service: answers per ID number (a scenario's ONLINE_* faults set them). */
    public SimulatedCitizenVerification citizens() {
        return citizens;
    }

    /**
     * Whether every resident ID card is checked online in training, or only the numbers a scenario or the trainer
     * gave an answer (the default, so cases practising other things do not stop at a photo comparison).
     */
    public void checkEveryIdCardOnline(boolean every) {
        this.everyIdCardOnline = every;
    }

    /** True when this ID number is checked online now (see {@link #checkEveryIdCardOnline}). */
    public boolean checkedOnline(String idNumber) {
        return everyIdCardOnline || citizens.configured(idNumber);
    }

    /** Head office will reject the request of this case with the reason (the "head office rejects" scenario). */
    public void rejectRequestOf(String caseNo, String reason) {
        rejections.put(caseNo, reason);
    }

    /**
     * Head office will reject every request of this customer's cases (a scenario stages the customer before the
     * trainee opens the case, so the case number is not known yet).
     */
    public void rejectRequestsOfCustomer(String customerNo, String reason) {
        customerRejections.put(customerNo, reason);
    }

    /** The rejection policy the in-process head office applies at each sync. */
    Supplier<RejectionPolicy> rejectionPolicy() {
        return () -> {
            RejectionPolicy byCase = RejectionPolicy.byRequestId(new HashMap<>(rejections));
            Map<String, String> byCustomer = new HashMap<>(customerRejections);
            return request -> byCase.reasonToReject(request).or(() -> byCustomer.isEmpty() ? java.util.Optional.empty()
                    : store.customerNoOfCase(request.requestId()).map(byCustomer::get));
        };
    }

    private static KeyPair sm2KeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", KeyEncoding.BC);
        g.initialize(new ECGenParameterSpec("sm2p256v1"));
        return g.generateKeyPair();
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** Serials of all registered tokens (to list them for a trainer). */
    public List<String> registeredSerials() {
        return new ArrayList<>(store.registeredSerials());
    }

    Clock clock() {
        return clock;
    }
}
