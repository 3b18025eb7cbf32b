package bank.ushield.teller.wizard;

import java.beans.PropertyChangeListener;
import java.beans.PropertyChangeSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongFunction;

import bank.ushield.renewal.AbortReason;
import bank.ushield.renewal.CustomerSummary;
import bank.ushield.renewal.OnlineCheck;
import bank.ushield.renewal.Outcome;
import bank.ushield.renewal.PresentedCard;
import bank.ushield.renewal.PresentedDocument;
import bank.ushield.renewal.KeyChoice;
import bank.ushield.renewal.PresentedToken;
import bank.ushield.renewal.Problem;
import bank.ushield.renewal.ProblemExplainer;
import bank.ushield.renewal.Receipt;
import bank.ushield.renewal.RenewalCase;
import bank.ushield.renewal.RenewalService;
import bank.ushield.renewal.readers.DeskReaders;
import bank.ushield.renewal.readers.DocumentRead;
import bank.ushield.teller.task.BackgroundTask;
import bank.ushield.teller.task.ProgressSink;
import bank.ushield.teller.task.TaskExecutor;
import bank.ushield.token.pin.PinPrompter;

/**
 * The renewal wizard's state and steps, Swing-free: which case, which step is shown, what failed and what may be
 * done about it. Every step runs through the {@link TaskExecutor} (off the EDT in the app, on the calling thread in
 * model tests) and reports through bound properties that the panels follow. The rules themselves live in the
 * renewal module; this class only sequences its calls and keeps what the screens show.
 */
public final class RenewalWizardModel {

    public static final String CASE = "case";
    public static final String VIEW_STEP = "viewStep";
    public static final String BUSY = "busy";
    public static final String TROUBLE = "trouble";
    public static final String TOKEN = "token";
    public static final String ACTIVITIES = "activities";
    public static final String RECEIPT = "receipt";
    /** The last 联网核查 answer shown on the ID step (null: none yet). */
    public static final String ONLINE = "online";
    public static final String MATCHES = "matches";
    /** At most this many customers are listed for a name searched. */
    static final int MATCH_LIMIT = 20;

    /** What the model needs besides the renewal service: reading the token, the customer, the receipt PDF. */
    public record Parts(RenewalService service, java.util.function.Function<String, PresentedToken> tokenReader,
                        LongFunction<Optional<CustomerSummary>> customers,
                        java.util.function.Function<Receipt, byte[]> receiptPdf, PinPrompter pin) {
    }

    /**
     * The receipt of the case with its PDF, its first page rendered for the preview (null if it could not be;
     * rendered off the EDT), and whether the case waits to be finished later.
     */
    public record ReceiptView(Receipt receipt, byte[] pdf, java.awt.image.BufferedImage preview,
                              boolean finishLater) {
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RenewalWizardModel.class);

    private final PropertyChangeSupport changes = new PropertyChangeSupport(this);
    private final Parts parts;
    private final TaskExecutor executor;
    private final ProblemExplainer explainer;
    private final DeskReaders readers;

    private RenewalCase renewalCase;
    private CustomerSummary customer;
    private WizardStep viewStep = WizardStep.CUSTOMER;
    private boolean busy;
    private Trouble trouble;
    /** The exception a manager authorised at this screen, for the steps to say what is true now (null: none). */
    private AuthorisedException authorised;
    private OnlineCheck online;
    private String onlineNumber;
    private PresentedToken token;
    private KeyChoice keyChoice;
    /** Training only: the voucher printed on the simulated token in the reader (there is no label to read). */
    private String printedVoucher;
    private java.util.function.Function<String, Optional<String>> labels = serial -> Optional.empty();
    private java.util.function.BiFunction<String, Integer, List<CustomerSummary>> search =
            (text, limit) -> List.of();
    private List<CustomerSummary> matches = List.of();
    private List<Activity> activities = List.of();
    private ReceiptView receipt;
    /** The furthest step the case reached while open in this wizard: a closed case's ticks stop there. */
    private WizardStep reachedOpen = WizardStep.CUSTOMER;
    /** Why the case replaces the customer's token from stock (ADR 0077); null for a renewal. */
    private bank.ushield.renewal.ReplacementReason replacing;

    public RenewalWizardModel(Parts parts, TaskExecutor executor, ProblemExplainer explainer) {
        this(parts, executor, explainer, DeskReaders.none());
    }

    public RenewalWizardModel(Parts parts, TaskExecutor executor, ProblemExplainer explainer, DeskReaders readers) {
        this.readers = Objects.requireNonNull(readers);
        this.parts = Objects.requireNonNull(parts);
        this.executor = Objects.requireNonNull(executor);
        this.explainer = Objects.requireNonNull(explainer);
    }

    public void addPropertyChangeListener(PropertyChangeListener l) {
        changes.addPropertyChangeListener(l);
    }

    // ---- state ----

    public RenewalCase renewalCase() {
        return renewalCase;
    }

    public CustomerSummary customer() {
        return customer;
    }

    /** The step the case is at (the furthest the teller can go). */
    public WizardStep caseStep() {
        return WizardStep.of(renewalCase);
    }

    /** The step shown; earlier than {@link #caseStep()} while the teller looks back with Esc. */
    public WizardStep viewStep() {
        return viewStep;
    }

    public boolean busy() {
        return busy;
    }

    public Trouble trouble() {
        return trouble;
    }

    /** An exception a manager authorised for a case: its code (e.g. SELF_SERVICE_AVAILABLE) and the manager. */
    public record AuthorisedException(long caseId, String code, String managerLogin) {
    }

    /** The exception last authorised for the open case at this screen, if any. */
    public java.util.Optional<AuthorisedException> authorisedException() {
        AuthorisedException a = authorised;
        return a != null && renewalCase != null && renewalCase.id() == a.caseId() ? java.util.Optional.of(a)
                : java.util.Optional.empty();
    }

    public PresentedToken token() {
        return token;
    }

    /**
     * Training only: the media voucher number printed on the simulated token last detected, or null (production,
     * or no token). The trainee reads it here as they would read the token's label, and types it.
     */
    public String printedVoucher() {
        return printedVoucher;
    }

    /** Training only: where the labels of the simulated tokens come from (read off the EDT with the token). */
    public void trainingLabels(java.util.function.Function<String, Optional<String>> printedVoucherOfSerial) {
        this.labels = Objects.requireNonNull(printedVoucherOfSerial);
    }

    public List<Activity> activities() {
        return activities;
    }

    /** The background executor, for the steps' own file and printer work. */
    TaskExecutor executor() {
        return executor;
    }

    public ReceiptView receipt() {
        return receipt;
    }

    /**
     * True when the step was passed: before the case's step, or for a closed case, before the step it was closed at
     * (an aborted case does not earn the steps it never ran); the receipt once it is shown.
     */
    public boolean stepDone(WizardStep s) {
        WizardStep at = caseStep();
        if (at == WizardStep.RECEIPT) {
            if (s == WizardStep.RECEIPT) {
                return receipt != null;
            }
            return renewalCase.completed() || s.compareTo(reachedOpen) < 0;
        }
        return s.compareTo(at) < 0;
    }

    /** True while the shown step is done already (looking back): Enter only moves forward. */
    public boolean reviewing() {
        return viewStep.compareTo(caseStep()) < 0;
    }

    // ---- navigation ----

    /** Esc: one step back to look (nothing is undone); false when there is nothing before (leave the wizard). */
    public boolean back() {
        if (busy || viewStep == WizardStep.CUSTOMER || viewStep == WizardStep.RECEIPT && isClosed()) {
            return false;
        }
        if (viewStep == WizardStep.ID_DOCUMENT) {
            // The customer step is done once a case is open; going back further means leaving.
            return false;
        }
        setViewStep(viewStep.previous());
        return true;
    }

    /** Enter on a step looked back at: forward again without repeating it. */
    public void forward() {
        if (reviewing()) {
            setViewStep(viewStep.next());
        }
    }

    private boolean isClosed() {
        return renewalCase != null && !renewalCase.open();
    }

    // ---- the steps ----

    /** Where the customer search looks (the renewal module's customer directory). */
    public void customerSearch(java.util.function.BiFunction<String, Integer, List<CustomerSummary>> directory) {
        this.search = Objects.requireNonNull(directory);
    }

    /** The customers the last search listed to pick from (more than one); empty otherwise. */
    public List<CustomerSummary> matches() {
        return matches;
    }

    /**
     * Step 1: finds the customer by customer number, document number or name; one found opens the case, several
     * are listed (masked) to pick from, none is explained as the open would explain it.
     */
    public void findCustomer(String text) {
        String query = text.strip();
        java.util.function.BiFunction<String, Integer, List<CustomerSummary>> directory = search;
        run(BackgroundTask.call(() -> directory.apply(query, MATCH_LIMIT)), found -> {
            setMatches(found.size() > 1 ? found : List.of());
            if (found.size() == 1) {
                openCase(found.get(0).customerNo());
            } else if (found.isEmpty()) {
                openCase(query);
            }
        });
    }

    private void setMatches(List<CustomerSummary> m) {
        List<CustomerSummary> old = matches;
        matches = List.copyOf(m);
        changes.firePropertyChange(MATCHES, old, matches);
    }

    /**
     * F5 on step 1: reads the ID card on the reader and finds its holder by the document number ({@code customerNo}
     * only matters for the training reader, which hands out that customer's card).
     */
    public void readIdCardToFind(String customerNo, Consumer<DocumentRead> read, Consumer<Exception> failed) {
        readDevice(BackgroundTask.call(() -> readers.readIdCard(customerNo)), r -> {
            read.accept(r);
            findCustomer(r.document().number());
        }, failed);
    }

    /** Opens a case for the customer found by customer number or document number. */
    public void openCase(String customerNoOrDocument) {
        run(BackgroundTask.call(() -> {
            RenewalCase c = parts.service().open(customerNoOrDocument.strip());
            return new Loaded(c, customerOf(c), null);
        }), this::loaded);
    }

    /** Resumes an unfinished case (after a restart, or when the customer comes back). */
    public void resume(long caseId) {
        run(BackgroundTask.call(() -> {
            // Claims the case for this workstation (ADR 0087): one another counter holds is refused in words.
            RenewalCase c = parts.service().resume(caseId);
            return new Loaded(c, customerOf(c), parts.service().replacement(caseId)
                    .map(bank.ushield.renewal.Replacement::reason).orElse(null));
        }), loaded -> {
            loaded(loaded);
            if (renewalCase.awaitingManager()) {
                setTrouble(trouble(Problem.heldForManager(renewalCase.pendingException()),
                        renewalCase.pendingException()));
            }
            if (!renewalCase.open()) {
                loadReceipt(false);
            }
        });
    }

    private record Loaded(RenewalCase renewalCase, CustomerSummary customer,
                          bank.ushield.renewal.ReplacementReason replacing) {
    }

    private void loaded(Loaded l) {
        setMatches(List.of());
        customer = l.customer();
        replacing = l.replacing();
        setCase(l.renewalCase());
        setTrouble(null);
        setViewStep(caseStep());
    }

    private CustomerSummary customerOf(RenewalCase c) {
        return c.customerId() == null ? null : parts.customers().apply(c.customerId()).orElse(null);
    }

    public void verifyId(PresentedDocument document) {
        verifyId(document, false);
    }

    /**
     * The ID step's Next: first 联网核查 (its answer shown: the photo on record to compare, or what to do), then, once
     * the teller confirmed the person matches the photo on record, the check itself. A definite no goes straight to
     * the check, which records it as failed; a second outage in a row holds the case for a manager; a document the
     * service does not check goes straight to the check.
     */
    public void verifyId(PresentedDocument document, boolean personMatchesPhoto) {
        long id = requireCase();
        OnlineCheck shown = online != null && document.number().equals(onlineNumber) ? online : null;
        if (shown != null && shown.status() == OnlineCheck.Status.MATCH) {
            run(BackgroundTask.call(() -> parts.service().verifyId(id, document, personMatchesPhoto)), this::apply);
            return;
        }
        boolean outageBefore = shown != null && shown.status() == OnlineCheck.Status.UNAVAILABLE;
        run(BackgroundTask.call(() -> {
            OnlineCheck check = parts.service().verifyOnline(id, document);
            // a definite no is recorded as the failed ID check (the case stops); a second outage asks for a manager
            boolean goOn = check.status() == OnlineCheck.Status.NOT_REQUIRED || check.stopsCase()
                    || (check.status() == OnlineCheck.Status.UNAVAILABLE && outageBefore);
            return new OnlineStep(check, goOn ? parts.service().verifyId(id, document, false) : null);
        }), step -> {
            setOnline(step.check(), document.number());
            if (step.outcome() != null) {
                apply(step.outcome());
            } else if (step.check().problem() != null) {
                setTrouble(trouble(step.check().problem(), null));
            }
        });
    }

    /** The online answer and, when the check ran right after it, the check's outcome. */
    private record OnlineStep(OnlineCheck check, Outcome outcome) {
    }

    /** The last 联网核查 answer on the ID step (null: none for the current number). */
    public OnlineCheck online() {
        return online;
    }

    private void setOnline(OnlineCheck check, String number) {
        OnlineCheck old = online;
        online = check.status() == OnlineCheck.Status.NOT_REQUIRED ? null : check;
        onlineNumber = number;
        changes.firePropertyChange(ONLINE, old, online);
    }

    /** The desk's ID and chip readers (simulated in training). */
    public DeskReaders readers() {
        return readers;
    }

    /**
     * Reads the ID card on the reader off the EDT; the step fills its fields from the result (Enter then runs the
     * same check as for typed fields). A failed read goes to {@code failed}, not to the case's trouble.
     */
    public void readIdCard(Consumer<DocumentRead> read, Consumer<Exception> failed) {
        String customerNo = requireCustomer();
        readDevice(BackgroundTask.call(() -> readers.readIdCard(customerNo)), read, failed);
    }

    /** Reads the bank card's chip off the EDT; like {@link #readIdCard}. */
    public void readChip(Consumer<PresentedCard> read, Consumer<Exception> failed) {
        String customerNo = requireCustomer();
        readDevice(BackgroundTask.call(() -> readers.readChip(customerNo)), read, failed);
    }

    private String requireCustomer() {
        if (customer == null) {
            throw new IllegalStateException("no customer on the open case");
        }
        return customer.customerNo();
    }

    private <T> void readDevice(BackgroundTask<T> task, Consumer<T> read, Consumer<Exception> failed) {
        executor.execute(task.onRunning(() -> setBusy(true)).onSuccess(read).onFailure(failed)
                .onFinished(() -> setBusy(false)));
    }

    public void verifyCard(PresentedCard card) {
        long id = requireCase();
        run(BackgroundTask.call(() -> parts.service().verifyCard(id, card)), this::apply);
    }

    /** Why the case replaces the token from stock; null for a renewal (ADR 0077). */
    public bank.ushield.renewal.ReplacementReason replacing() {
        return replacing;
    }

    /**
     * The teller replaces the customer's token from the box where a renewal cannot go on (faulty, end of life, a
     * model that cannot make the key, lost, a fault after install): the token step then checks a blank instead.
     */
    public void chooseReplacement(bank.ushield.renewal.ReplacementReason reason) {
        long id = requireCase();
        run(BackgroundTask.call(() -> parts.service().chooseReplacement(id, reason)), o -> {
            if (o instanceof Outcome.Advanced) {
                replacing = reason;
                PresentedToken old = token;
                token = null; // the customer's token is not the one checked any more
                printedVoucher = null;
                changes.firePropertyChange(TOKEN, old, null);
            }
            apply(o);
        });
    }

    /** Reads the token in the reader to show it (serial, model, certificate) before it is checked. */
    public void detectToken() {
        // The registered serial lets the reader pick the customer's token when several are plugged in (not when a
        // blank from the box replaces it).
        String registered = replacing != null || customer == null || customer.token() == null ? null
                : customer.token().serial();
        java.util.function.Function<String, Optional<String>> labelOf = labels;
        run(BackgroundTask.call(() -> {
            PresentedToken t = parts.tokenReader().apply(registered);
            return new Detected(t, t == null ? null : labelOf.apply(t.serial()).orElse(null),
                    t == null ? null : parts.service().previewKeyChoice(t).orElse(null));
        }), d -> {
            PresentedToken old = token;
            token = d.token();
            printedVoucher = d.printedVoucher();
            keyChoice = d.keyChoice();
            changes.firePropertyChange(TOKEN, old, d.token());
        });
    }

    private record Detected(PresentedToken token, String printedVoucher, KeyChoice keyChoice) {
    }

    /** The key the renewal would make on the token shown (null: none decided, e.g. no key policy). */
    public KeyChoice keyChoice() {
        return keyChoice;
    }

    /**
     * Checks the token in the reader with the 10-digit media voucher number the teller typed from its label (the
     * step checks the format first; the renewal module checks it against the register).
     */
    public void verifyToken(String typedVoucher) {
        long id = requireCase();
        boolean blank = replacing != null;
        run(BackgroundTask.call(() -> blank ? parts.service().verifyNewToken(id, typedVoucher)
                : parts.service().verifyToken(id, typedVoucher)), this::apply);
    }

    /** New key pair and request on the token (the customer types the PIN), then queued for head office. */
    public void repersonalise() {
        long id = requireCase();
        boolean keyDone = !renewalCase.awaitsKeyGeneration();
        boolean blank = replacing != null;
        List<Activity> plan = new ArrayList<>();
        if (blank) {
            // the customer chooses the new token's PIN first, twice on the PIN entry
            plan.add(new Activity("Wizard.activity.initialise", keyDone ? Activity.Status.DONE : Activity.Status.PENDING));
        }
        plan.add(new Activity("Wizard.activity.key", keyDone ? Activity.Status.DONE : Activity.Status.PENDING));
        plan.add(new Activity("Wizard.activity.queue", Activity.Status.PENDING));
        setActivities(plan);
        int first = blank ? 1 : 0;
        int total = plan.size();
        runActivities(BackgroundTask.of(progress -> {
            Outcome last = null;
            if (!keyDone) {
                if (blank && parts.service().replacement(id).map(r -> r.initialisedAt() == null).orElse(false)) {
                    progress.report(0, total, "0");
                    last = parts.service().initialiseNewToken(id, parts.pin());
                    if (!(last instanceof Outcome.Advanced)) {
                        return last;
                    }
                }
                progress.report(first, total, String.valueOf(first));
                last = parts.service().generateKey(id, parts.pin());
                if (!(last instanceof Outcome.Advanced)) {
                    return last;
                }
            }
            progress.report(first + 1, total, String.valueOf(first + 1));
            last = parts.service().queueRequest(id);
            progress.report(total, total, "done");
            return last;
        }));
    }

    /** Exchanges with head office now while the customer waits. */
    public void syncNow() {
        long id = requireCase();
        var incidents = new java.util.concurrent.atomic.AtomicReference<List<Problem>>(List.of());
        run(BackgroundTask.call(() -> {
            incidents.set(parts.service().syncNow().incidents());
            return parts.service().find(id);
        }), c -> {
            setCase(c);
            if (!incidents.get().isEmpty()) {
                // Head office refused the log itself (issue 21): the teller reads why, in words, and stops.
                setTrouble(trouble(incidents.get().get(0), null));
            } else if (c.waitsForHeadOffice()) {
                setTrouble(trouble(Problem.of(
                        bank.ushield.renewal.ProblemCode.HEAD_OFFICE_NO_ANSWER_YET, c.caseNo()), null));
            } else {
                setTrouble(null);
                setViewStep(caseStep());
                if (!c.open()) {
                    loadReceipt(false);
                }
            }
        });
    }

    /** The customer does not wait: the case stays queued, the receipt says how it finishes. */
    public void finishLater() {
        setTrouble(null);
        loadReceipt(true);
    }

    /** Installs the certificate, proves the token works, completes the case. */
    public void installAndTest() {
        installAndTest(false);
    }

    /**
     * As {@link #installAndTest()} for a replacement whose old token does not answer at all: it is recorded so (kept
     * by the branch for destruction) instead of being wiped in the reader.
     */
    public void oldTokenDoesNotAnswer() {
        installAndTest(true);
    }

    private void installAndTest(boolean oldDoesNotAnswer) {
        long id = requireCase();
        boolean installed = renewalCase.certificateInstalled();
        boolean tested = installed && renewalCase.selfTestPassedAt() != null;
        boolean blank = replacing != null;
        List<Activity> plan = new ArrayList<>(List.of(
                new Activity("Wizard.activity.install", installed ? Activity.Status.DONE : Activity.Status.PENDING),
                new Activity("Wizard.activity.selfTest", tested ? Activity.Status.DONE : Activity.Status.PENDING)));
        if (blank) {
            plan.add(new Activity("Wizard.activity.retire", Activity.Status.PENDING));
        }
        plan.add(new Activity("Wizard.activity.complete", Activity.Status.PENDING));
        setActivities(plan);
        int total = plan.size();
        runActivities(BackgroundTask.of(progress -> {
            Outcome last;
            if (!installed) {
                progress.report(0, total, "0");
                last = parts.service().install(id, parts.pin());
                if (!(last instanceof Outcome.Advanced)) {
                    return last;
                }
            }
            if (!tested) {
                progress.report(1, total, "1");
                last = parts.service().selfTest(id, parts.pin());
                if (!(last instanceof Outcome.Advanced)) {
                    return last;
                }
            }
            if (blank) {
                // the new token works: now the old one is retired (its keys destroyed where it answers)
                progress.report(2, total, "2");
                last = parts.service().retireOldToken(id, oldDoesNotAnswer, parts.pin());
                if (!(last instanceof Outcome.Advanced)) {
                    return last;
                }
            }
            progress.report(total - 1, total, String.valueOf(total - 1));
            last = parts.service().complete(id);
            progress.report(total, total, "done");
            return last;
        }));
    }

    /** Closes the case without renewal; the token keeps its old key and certificate. */
    public void abort(AbortReason reason) {
        long id = requireCase();
        run(BackgroundTask.call(() -> parts.service().abort(id, reason)), c -> {
            setCase(c);
            setTrouble(null);
            setViewStep(WizardStep.RECEIPT);
            loadReceipt(false);
        });
    }

    /** The branch time zone (configured in the eligibility policy) in which dates are shown. */
    public java.time.ZoneId branchZone() {
        return parts.service().branchZone();
    }

    /**
     * The reason the close-case dialog suggests: the one the shown trouble stands for (a refused card suggests
     * "card check failed", a certificate in the self-service window "customer renews online"), else "customer
     * withdrew". The teller can pick another.
     */
    public AbortReason suggestedAbortReason() {
        return AbortReason.suggestedFor(trouble == null ? null : trouble.renewalCode());
    }

    /**
     * A manager authorises the exception the case waits for, with their own credentials (the password array is
     * wiped by the renewal module). {@code refused} gets the reason when the renewal module says no.
     */
    public void authorise(String managerLogin, char[] password, Consumer<Problem.Explanation> refused, Runnable granted) {
        authorise(managerLogin, password, null, refused, granted);
    }

    /** The same with the manager's reason in words (needed to go on without the online ID verification). */
    public void authorise(String managerLogin, char[] password, String reason, Consumer<Problem.Explanation> refused,
                          Runnable granted) {
        long id = requireCase();
        String exception = trouble != null && trouble.exceptionCode() != null ? trouble.exceptionCode()
                : renewalCase.pendingException();
        executor.execute(BackgroundTask.call(() -> parts.service().authorise(id, exception, managerLogin, password,
                        reason))
                .onRunning(() -> setBusy(true))
                .onSuccess(o -> {
                    authorised = new AuthorisedException(id, exception, managerLogin);
                    apply(o);
                    granted.run();
                })
                .onFailure(e -> {
                    java.util.Arrays.fill(password, '\0');
                    refused.accept(explainer.explain(e));
                })
                .onFinished(() -> setBusy(false)));
    }

    /** Makes the receipt (and its PDF) of the case as it is now. */
    public void loadReceipt(boolean finishLater) {
        long id = requireCase();
        run(BackgroundTask.call(() -> {
            parts.service().endVisit(); // the receipt ends the visit: the token's login goes with the customer
            Receipt r = parts.service().receipt(id);
            byte[] pdf = parts.receiptPdf().apply(r);
            return new ReceiptView(r, pdf, bank.ushield.teller.widget.ReceiptPreview.render(pdf), finishLater);
        }), r -> {
            ReceiptView old = receipt;
            receipt = r;
            setViewStep(WizardStep.RECEIPT);
            changes.firePropertyChange(RECEIPT, old, r);
        });
    }

    /** The teller leaves the case (home screen): the token session of this visit is closed in the background. */
    public void endVisit() {
        executor.execute(BackgroundTask.call(() -> {
            parts.service().endVisit();
            return null;
        }));
    }

    // ---- plumbing ----

    private long requireCase() {
        if (renewalCase == null) {
            throw new IllegalStateException("No case open");
        }
        return renewalCase.id();
    }

    private void runActivities(BackgroundTask<Outcome> task) {
        task.onProgress(p -> {
            List<Activity> now = new ArrayList<>(activities);
            for (int i = 0; i < now.size(); i++) {
                if (i < p.done()) {
                    now.set(i, now.get(i).with(Activity.Status.DONE));
                } else if (i == p.done()) {
                    now.set(i, now.get(i).with(Activity.Status.RUNNING));
                }
            }
            setActivities(now);
        });
        run(task, o -> {
            if (!(o instanceof Outcome.Advanced)) {
                failRunningActivity();
            }
            apply(o);
            if (renewalCase.completed()) {
                loadReceipt(false);
            }
        }, e -> failRunningActivity());
    }

    private void failRunningActivity() {
        setActivities(activities.stream()
                .map(a -> a.status() == Activity.Status.RUNNING ? a.with(Activity.Status.FAILED) : a).toList());
    }

    private <T> void run(BackgroundTask<T> task, Consumer<T> onSuccess) {
        run(task, onSuccess, e -> { });
    }

    private <T> void run(BackgroundTask<T> task, Consumer<T> onSuccess, Consumer<Exception> alsoOnFailure) {
        setTrouble(null);
        executor.execute(task.onRunning(() -> setBusy(true))
                .onSuccess(onSuccess)
                .onFailure(e -> {
                    // The stack trace for support; the teller reads the explanation.
                    LOG.warn("Wizard step failed: {}", e.toString(), e);
                    alsoOnFailure.accept(e);
                    setTrouble(new Trouble(explainer.explain(e), null, renewalCode(e)));
                })
                .onFinished(() -> setBusy(false)));
    }

    private void apply(Outcome o) {
        setCase(o.renewalCase());
        if (o instanceof Outcome.Advanced) {
            setTrouble(null);
            setViewStep(caseStep());
        } else if (o instanceof Outcome.Refused r) {
            setTrouble(trouble(r.problem(), null));
        } else if (o instanceof Outcome.HeldForManager h) {
            setTrouble(trouble(h.problem(), h.exceptionCode()));
        }
    }

    private Trouble trouble(Problem p, String exceptionCode) {
        return new Trouble(explainer.explain(new bank.ushield.renewal.RenewalException(p)), exceptionCode, p.code());
    }

    /** The renewal module's code in the failure's cause chain, as the explainer finds it; null when none. */
    private static bank.ushield.renewal.ProblemCode renewalCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof bank.ushield.renewal.RenewalException r) {
                return r.code();
            }
        }
        return null;
    }

    private void setCase(RenewalCase c) {
        RenewalCase old = renewalCase;
        if (old == null || c == null || old.id() != c.id()) {
            online = null; // an answer belongs to its case
            onlineNumber = null;
        }
        renewalCase = c;
        if (c != null && c.open() && WizardStep.of(c).compareTo(reachedOpen) > 0) {
            reachedOpen = WizardStep.of(c);
        }
        changes.firePropertyChange(CASE, old, c);
    }

    private void setViewStep(WizardStep s) {
        WizardStep old = viewStep;
        viewStep = s;
        changes.firePropertyChange(VIEW_STEP, old, s);
    }

    private void setBusy(boolean b) {
        boolean old = busy;
        busy = b;
        changes.firePropertyChange(BUSY, old, b);
    }

    private void setTrouble(Trouble t) {
        Trouble old = trouble;
        trouble = t;
        changes.firePropertyChange(TROUBLE, old, t);
    }

    private void setActivities(List<Activity> a) {
        List<Activity> old = activities;
        activities = List.copyOf(a);
        changes.firePropertyChange(ACTIVITIES, old, activities);
    }

    /** For progress reports from the steps: none needed outside the activities. */
    static ProgressSink none() {
        return ProgressSink.NONE;
    }
}
