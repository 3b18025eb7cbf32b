package bank.ushield.renewal.wiring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.audit.KeystorePassword;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.casync.AuditLogCheckpoints;
import bank.ushield.casync.AuditLogSyncTrail;
import bank.ushield.casync.CustomerExtractImporter;
import bank.ushield.casync.InProcessHeadOffice;
import bank.ushield.casync.RequestBatchExporter;
import bank.ushield.casync.ResponseBatchImporter;
import bank.ushield.casync.SyncFolders;
import bank.ushield.casync.format.KeyBatchSigner;
import bank.ushield.casync.headoffice.HeadOfficeCa;
import bank.ushield.casync.headoffice.HeadOfficeSimulator;
import bank.ushield.db.Database;
import bank.ushield.db.LockoutPolicy;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.CardMatchingKeyCheck;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.Repositories;
import bank.ushield.idverification.eligibility.EligibilityPolicy;
import bank.ushield.renewal.KeyPolicy;
import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.KeyEncoding;
import bank.ushield.token.Repersonalisation;
import bank.ushield.token.TokenPort;
import bank.ushield.token.TrustedCa;
import bank.ushield.token.pkcs11.Pkcs11TokenPort;
import bank.ushield.token.pkcs11.VendorProfiles;
import bank.ushield.token.simulated.SimulatedTokenPort;
import bank.ushield.renewal.CaseJournal;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.RenewalException;
import bank.ushield.renewal.RenewalParts;
import bank.ushield.renewal.RenewalService;
import bank.ushield.renewal.StaffMember;
import bank.ushield.renewal.TokenDesk;
import bank.ushield.renewal.adapter.AuditCaseJournal;
import bank.ushield.renewal.adapter.AuditLogProofs;
import bank.ushield.renewal.adapter.CaSyncHeadOfficeLink;
import bank.ushield.renewal.adapter.IdRulesExtractRecords;
import bank.ushield.renewal.adapter.PortTokenDesk;
import bank.ushield.renewal.adapter.RenewalResponseListener;
import bank.ushield.renewal.adapter.RuleChecks;
import bank.ushield.renewal.cases.AbandonedCertificates;
import bank.ushield.renewal.cases.HeadOfficeAnswers;
import bank.ushield.renewal.receipt.ReceiptPdf;
import bank.ushield.renewal.staff.DbStaffDirectory;
import bank.ushield.renewal.store.SqlCustomerDirectory;
import bank.ushield.idverification.online.TimeLimitedVerification;
import bank.ushield.renewal.OnlineVerification;
import bank.ushield.renewal.cases.RenewalCases;
import bank.ushield.renewal.stock.BranchTokenStock;
import bank.ushield.renewal.TokenStock;

/**
 * Everything one workstation needs, wired once: database, audit log, token reader, head-office link, checks and
 * the renewal services. The teller app calls {@link #training} or {@link #production} and nothing else to build
 * the modules. Training uses its own data folder, database, simulated tokens and in-process head office.
 */
public final class RenewalWorkstation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RenewalWorkstation.class);
    /** The training database file name inside the training data folder. */
    public static final String TRAINING_DB = "training.db";
    /** The data folder's folder of PKCS#11 vendor profiles IT adds (docs/token.md). */
    public static final String VENDOR_PROFILES = "vendor-profiles";
    /** The production database file name inside the data folder. */
    public static final String PRODUCTION_DB = "workstation.db";

    private final boolean training;
    private final Database database;
    private final Repositories repositories;
    private final AuditLog audit;
    private final WorkstationKeys keys;
    private final TokenPort tokenPort;
    private final RenewalParts parts;
    private final TrainingWorld trainingWorld;
    private final DbStaffDirectory staff;
    private final Path dataFolder;
    private final List<java.security.PublicKey> headOfficeKeys;

    private RenewalWorkstation(Path dataFolder, boolean training, Database database, Repositories repositories, AuditLog audit,
                               WorkstationKeys keys, TokenPort tokenPort, RenewalParts parts,
                               TrainingWorld trainingWorld, List<java.security.PublicKey> headOfficeKeys) {
        this.dataFolder = dataFolder;
        this.headOfficeKeys = List.copyOf(headOfficeKeys);
        this.training = training;
        this.database = database;
        this.repositories = repositories;
        this.audit = audit;
        this.keys = keys;
        this.tokenPort = tokenPort;
        this.parts = parts;
        this.trainingWorld = trainingWorld;
        this.staff = (DbStaffDirectory) parts.staff();
    }

    /** Production settings: where data lives and what talks to the outside. */
    public record ProductionSettings(Path dataFolder, String workstationId, Path pkcs11Module, Path syncFolder,
                                     Path headOfficeSyncCertificate, Path caCertificates, KeyAlgorithm keyAlgorithm,
                                     EligibilityPolicy eligibility, String tokenLabel, Duration anchorInterval) {
        /** Settings with the default anchor interval (60 minutes). */
        public ProductionSettings(Path dataFolder, String workstationId, Path pkcs11Module, Path syncFolder,
                                  Path headOfficeSyncCertificate, Path caCertificates, KeyAlgorithm keyAlgorithm,
                                  EligibilityPolicy eligibility, String tokenLabel) {
            this(dataFolder, workstationId, pkcs11Module, syncFolder, headOfficeSyncCertificate, caCertificates,
                    keyAlgorithm, eligibility, tokenLabel, null);
        }

        /** Settings without a token selection (the registered token, else the reader's first). */
        public ProductionSettings(Path dataFolder, String workstationId, Path pkcs11Module, Path syncFolder,
                                  Path headOfficeSyncCertificate, Path caCertificates, KeyAlgorithm keyAlgorithm,
                                  EligibilityPolicy eligibility) {
            this(dataFolder, workstationId, pkcs11Module, syncFolder, headOfficeSyncCertificate, caCertificates,
                    keyAlgorithm, eligibility, "");
        }

        public ProductionSettings {
            Objects.requireNonNull(dataFolder, "dataFolder");
            Objects.requireNonNull(workstationId, "workstationId");
            Objects.requireNonNull(pkcs11Module, "pkcs11Module");
            Objects.requireNonNull(syncFolder, "syncFolder");
            Objects.requireNonNull(headOfficeSyncCertificate, "headOfficeSyncCertificate");
            Objects.requireNonNull(caCertificates, "caCertificates");
            keyAlgorithm = keyAlgorithm == null ? KeyAlgorithm.RSA_2048 : keyAlgorithm;
            eligibility = eligibility == null ? EligibilityPolicy.defaults() : eligibility;
            tokenLabel = tokenLabel == null ? "" : tokenLabel.strip();
            anchorInterval = anchorInterval == null || anchorInterval.isNegative() || anchorInterval.isZero()
                    ? AuditLogCheckpoints.DEFAULT_ANCHOR_INTERVAL : anchorInterval;
        }
    }

    /**
     * Training mode in {@code dataFolder}: training.db, simulated tokens (simulated-tokens.json), the head-office
     * simulator (head-office/) and sync folders (sync/). {@code workstationId} must exist in the database (the
     * training data generator makes its own); the simulated tokens are made to match the registered ones.
     */
    public static RenewalWorkstation training(Path dataFolder, String workstationId, KeyAlgorithm keyAlgorithm,
                                              Clock clock) {
        return withHeadOfficeSimulator(dataFolder, workstationId, keyAlgorithm, clock, null, Hooks.NONE);
    }

    /**
     * What tests and benchmarks may wrap around the parts (a journal or token desk that stops at a chosen point,
     * counts or times calls). Production and training use {@link #NONE}.
     */
    public record Hooks(UnaryOperator<CaseJournal> journal, UnaryOperator<TokenDesk> tokenDesk) {
        public static final Hooks NONE = new Hooks(UnaryOperator.identity(), UnaryOperator.identity());
    }

    /**
     * The training setup (training.db, in-process head-office simulator) with either the simulated tokens
     * ({@code tokenPort} null: TrainingWorld makes them) or a real token port such as SoftHSM2 over PKCS#11, whose
     * tokens the caller personalises with {@link TrainingWorld#personaliseOld}.
     */
    public static RenewalWorkstation withHeadOfficeSimulator(Path dataFolder, String workstationId,
                                                             KeyAlgorithm keyAlgorithm, Clock clock,
                                                             TokenPort tokenPort, Hooks hooks) {
        return withHeadOfficeSimulator(Database.open(dataFolder.resolve(TRAINING_DB)), dataFolder, workstationId,
                keyAlgorithm, clock, tokenPort, hooks);
    }

    /**
     * The training setup over a database the caller opened (a branch's PostgreSQL database in tests and benches of
     * a branch; the app's training mode always uses its own training.db). The caller closes the database.
     */
    public static RenewalWorkstation withHeadOfficeSimulator(Database db, Path dataFolder, String workstationId,
                                                             KeyAlgorithm keyAlgorithm, Clock clock,
                                                             TokenPort tokenPort, Hooks hooks) {
        try {
            Repositories repos = new Repositories(db, CardMatchingKey.forDataFolder(dataFolder), new PasswordHasher(), clock);
            AuditLog audit = AuditLog.open(db, workstationId, clock);
            WorkstationKeys keys = WorkstationKeys.loadOrCreate(dataFolder, workstationId, KeystorePassword.training());
            HeadOfficeSimulator simulator = HeadOfficeSimulator.open(dataFolder.resolve("head-office"), clock);
            X509CertificateHolder wsCert = holder(keys.certificate());
            simulator.registerWorkstation(workstationId, wsCert);
            SyncFolders folders = SyncFolders.under(dataFolder.resolve("sync"));
            CaseJournal journal = hooks.journal().apply(new AuditCaseJournal(audit));
            HeadOfficeAnswers answers = new HeadOfficeAnswers(journal, clock);
            AbandonedCertificates revocations = new AbandonedCertificates(journal, clock);
            RequestBatchExporter exporter = new RequestBatchExporter(db.jdbi(), workstationId, folders,
                    new KeyBatchSigner(keys.privateKey(), wsCert), new AuditLogSyncTrail(audit),
                    // The workstation's clock, as for the batches' times: "anchor due" compares the two.
                    new AuditLogCheckpoints(audit, keys, AuditLogCheckpoints.DEFAULT_ANCHOR_INTERVAL, clock),
                    revocations, clock);
            // A trainer's customer extract (ca-sync head-office customer-extract) is imported like in production.
            ResponseBatchImporter importer = new ResponseBatchImporter(db.jdbi(), workstationId, folders,
                    simulator.syncCertificate(), new RenewalResponseListener(answers), new AuditLogSyncTrail(audit), clock)
                    .withRevocations(revocations)
                    .withCustomerExtracts(new CustomerExtractImporter(db.jdbi(), workstationId, folders,
                            simulator.syncCertificate(), CardMatchingKey.forDataFolder(dataFolder), new AuditLogSyncTrail(audit),
                            clock, IdRulesExtractRecords.shipped()));
            InProcessHeadOffice office = new InProcessHeadOffice(exporter, simulator, importer, folders,
                    dataFolder.resolve("head-office"));
            TokenPort port = tokenPort;
            if (port == null) {
                port = SimulatedTokenPort.open(dataFolder.resolve("simulated-tokens.json"));
            }
            TrainingWorld world = new TrainingWorld(db.jdbi(), port, simulator.ca(), clock);
            if (tokenPort == null) {
                world.ensureTokens();
            }
            // Blank tokens in the store and the training tellers' boxes (simulated blanks only).
            world.ensureBlankStock(journal);
            // Every root head office issues from: SM2 keys are certified by its SM2 root.
            TrustedCa trusted = new TrustedCa(simulator.ca().caCertificates().stream()
                    .map(RenewalWorkstation::certificate).toList());
            TokenDesk desk = hooks.tokenDesk().apply(
                    new PortTokenDesk(port, new Repersonalisation(trusted, clock), keyAlgorithm, "",
                            () -> TrainingWorld.BLANK_SO_PIN.toCharArray()));
            RenewalParts parts = new RenewalParts(db.jdbi(), clock, workstationId, journal,
                    new SqlCustomerDirectory(db.jdbi()),
                    new RuleChecks(repos, CardMatchingKey.forDataFolder(dataFolder), EligibilityPolicy.defaults()),
                    new DbStaffDirectory(repos.authenticator(LockoutPolicy.DEFAULT)), desk,
                    CaSyncHeadOfficeLink.inProcess(office, world.rejectionPolicy()), new AuditLogProofs(audit, keys),
                    EligibilityPolicy.defaults().zone())
                    .withOnline(new OnlineVerification(new TimeLimitedVerification(world.citizens(), ONLINE_TIME_LIMIT),
                            world::checkedOnline))
                    .withKeyPolicy(KeyPolicy.training(dataFolder, keyAlgorithm));
            LOG.info("Training workstation {} ready in {}", workstationId, dataFolder);
            return new RenewalWorkstation(dataFolder, true, db, repos, audit, keys, port, parts, world,
                    List.of(certificate(simulator.syncCertificate()).getPublicKey()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot set up training mode in " + dataFolder, e);
        }
    }

    /** Production: a PKCS#11 module, the outbox/inbox folders and the pinned head-office certificates. */
    public static RenewalWorkstation production(ProductionSettings s, KeystorePassword keystorePassword, Clock clock) {
        return production(s, keystorePassword, clock, () -> Database.open(s.dataFolder().resolve(PRODUCTION_DB)));
    }

    /**
     * Production on the database {@code database} opens: the data folder's SQLite file, or the branch's PostgreSQL
     * database (docs/adr/0072), opened once IT's settings files have been read.
     */
    public static RenewalWorkstation production(ProductionSettings s, KeystorePassword keystorePassword, Clock clock,
                                                java.util.function.Supplier<Database> database) {
        // IT's settings files first: a malformed one refuses the start before anything is opened (explained on screen).
        VendorProfiles vendorProfiles = VendorProfiles.load(s.dataFolder().resolve(VENDOR_PROFILES));
        KeyPolicy keyPolicy = KeyPolicy.load(s.dataFolder().resolve(KeyPolicy.FILE), s.keyAlgorithm());
        try {
            Database db = database.get();
            CardMatchingKey panHasher;
            try {
                // The key the database's cards are hashed with, never a new one over them (ADR 0097).
                panHasher = CardMatchingKeyCheck.forStart(db.jdbi(), s.dataFolder(), s.workstationId(), clock);
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
            Repositories repos = new Repositories(db, panHasher, new PasswordHasher(), clock);
            AuditLog audit = AuditLog.open(db, s.workstationId(), clock);
            WorkstationKeys keys = WorkstationKeys.open(s.dataFolder(), keystorePassword);
            SyncFolders folders = SyncFolders.onShare(s.syncFolder());
            HeadOfficeAnswers answers = new HeadOfficeAnswers(new AuditCaseJournal(audit), clock);
            AbandonedCertificates revocations = new AbandonedCertificates(new AuditCaseJournal(audit), clock);
            RequestBatchExporter exporter = new RequestBatchExporter(db.jdbi(), s.workstationId(), folders,
                    new KeyBatchSigner(keys.privateKey(), holder(keys.certificate())), new AuditLogSyncTrail(audit),
                    new AuditLogCheckpoints(audit, keys, s.anchorInterval(), clock), revocations, clock);
            // Every certificate in the file is pinned: current and next head-office key during a rollover (ADR 0071).
            List<X509CertificateHolder> pinnedHeadOffice = HeadOfficeCa.readCerts(s.headOfficeSyncCertificate());
            // Head office's customer extracts arrive in the same inbox: each sync imports them too (ADR 0055).
            ResponseBatchImporter importer = new ResponseBatchImporter(db.jdbi(), s.workstationId(), folders,
                    pinnedHeadOffice, new RenewalResponseListener(answers), new AuditLogSyncTrail(audit), clock)
                    .withRevocations(revocations)
                    .withCustomerExtracts(new CustomerExtractImporter(db.jdbi(), s.workstationId(), folders,
                            pinnedHeadOffice, panHasher, new AuditLogSyncTrail(audit), clock,
                            IdRulesExtractRecords.shipped()));
            // SM2 through the vendor profiles IT put in the data folder, then the shipped ones (docs/token.md).
            TokenPort port = Pkcs11TokenPort.open(s.pkcs11Module(), vendorProfiles);
            // A blank's SO PIN comes in its sealed delivery envelope and is typed at issue, never stored (ADR 0077).
            TokenDesk desk = PortTokenDesk.askingForDeliverySoPin(port,
                    new Repersonalisation(TrustedCa.fromFile(s.caCertificates()), clock), s.keyAlgorithm(),
                    s.tokenLabel());
            RenewalParts parts = new RenewalParts(db.jdbi(), clock, s.workstationId(), new AuditCaseJournal(audit),
                    new SqlCustomerDirectory(db.jdbi()), new RuleChecks(repos, panHasher, s.eligibility()),
                    new DbStaffDirectory(repos.authenticator(LockoutPolicy.DEFAULT)), desk,
                    CaSyncHeadOfficeLink.folders(exporter, importer), new AuditLogProofs(audit, keys),
                    s.eligibility().zone())
                    .withKeyPolicy(keyPolicy);
            return new RenewalWorkstation(s.dataFolder(), false, db, repos, audit, keys, port, parts, null,
                    pinnedHeadOffice.stream().map(c -> certificate(c).getPublicKey()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot set up the workstation in " + s.dataFolder(), e);
        }
    }

    /** How long the ID step waits for 联网核查 before it counts as unavailable. */
    static final Duration ONLINE_TIME_LIMIT = Duration.ofSeconds(8);

    /** True in training mode (the UI shows it at all times). */
    public boolean training() {
        return training;
    }

    /**
     * Checks a member of staff's login and password (wiped) and audits the attempt.
     *
     * @throws RenewalException AUTH_BAD_CREDENTIALS or AUTH_ACCOUNT_LOCKED
     */
    public StaffMember login(String login, char[] password) {
        try {
            StaffMember m = staff.authenticate(login, password);
            audit.append(AuditEvent.builder(AuditEventType.LOGIN_OK, AuditOutcome.OK)
                    .actor(m.login(), m.role().name()).build());
            return m;
        } catch (RenewalException e) {
            audit.append(AuditEvent.builder(e.code() == ProblemCode.AUTH_ACCOUNT_LOCKED ? AuditEventType.LOGIN_LOCKED
                            : AuditEventType.LOGIN_FAILED, AuditOutcome.REFUSED)
                    .actor(login == null || login.isBlank() ? "unknown" : login, "").build());
            throw e;
        }
    }

    /** The renewal steps for a logged-in member of staff. */
    public RenewalService renewals(StaffMember actor) {
        return new RenewalCases(parts, actor);
    }

    /** The branch's blank tokens, for a logged-in member of staff (ADR 0077). */
    public TokenStock tokenStock(StaffMember actor) {
        return new BranchTokenStock(parts, actor);
    }

    /** The receipt renderer (zh_CN, embedded CJK font). */
    public ReceiptPdf receiptPdf() {
        return ReceiptPdf.chinese(parts.branchZone());
    }

    /** The folder this workstation keeps its data in (the training folder in training mode). */
    public Path dataFolder() {
        return dataFolder;
    }

    /** The trainer's controls, in training mode only. */
    public Optional<TrainingWorld> trainingWorld() {
        return Optional.ofNullable(trainingWorld);
    }

    public Database database() {
        return database;
    }

    public Repositories repositories() {
        return repositories;
    }

    public AuditLog auditLog() {
        return audit;
    }

    public WorkstationKeys workstationKeys() {
        return keys;
    }

    /** Head office's pinned sync keys: what its audit acknowledgements must be signed with. */
    public List<java.security.PublicKey> headOfficeKeys() {
        return headOfficeKeys;
    }

    public TokenPort tokenPort() {
        return tokenPort;
    }

    /** The wiring (for tests and benchmarks that replace one part). */
    public RenewalParts parts() {
        return parts;
    }

    @Override
    public void close() {
        try {
            tokenPort.close();
        } finally {
            audit.close();
        }
    }

    private static X509CertificateHolder holder(X509Certificate c) {
        try {
            return new X509CertificateHolder(c.getEncoded());
        } catch (IOException | CertificateEncodingException e) {
            throw new IllegalStateException("workstation certificate unreadable", e);
        }
    }

    private static X509Certificate certificate(X509CertificateHolder h) {
        try {
            return KeyEncoding.certificate(h.getEncoded());
        } catch (java.security.cert.CertificateException | IOException e) {
            throw new IllegalStateException("CA certificate unreadable", e);
        }
    }
}
