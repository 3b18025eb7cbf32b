package bank.ushield.renewal.training;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import bank.ushield.idverification.online.CitizenAnswer.Result;
import bank.ushield.idverification.online.SimulatedCitizenVerification.Answer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.audit.stats.ReviewQueries;
import bank.ushield.db.StaffRole;
import bank.ushield.db.StaffUser;
import bank.ushield.db.TrainingDataGenerator;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.renewal.wiring.TrainingWorld;
import bank.ushield.token.simulated.SimulatedFaults;
import bank.ushield.renewal.store.TrainingRunStore;

/**
 * The trainer's desk over a training {@link RenewalWorkstation}: stages each scenario run into the training
 * database and the simulated world (token in the reader, its faults, head office's decision), then reads the run
 * back from the training audit log and scores it.
 */
public final class ScenarioTrainingDesk implements TrainingDesk {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioTrainingDesk.class);
    /** Token session steps until the certificate write in the wizard's flow (log in, key, sign, read, write). */
    static final int DEFAULT_REMOVE_STEP = 9;

    private final RenewalWorkstation workstation;
    private final TrainingWorld world;
    private final ScenarioLibrary library;
    private final ScenarioStage stage;
    private final ScenarioScorer scorer = new ScenarioScorer();
    private final ReviewQueries queries;
    private final Clock clock;
    private final Runnable resetAction;
    private final AtomicInteger runs;

    /**
     * @param trainerScenarios the trainer's own scenario files (read now, at start)
     * @param resetAction      wipes and regenerates the training data folder (the app's wiring owns the files)
     */
    public ScenarioTrainingDesk(RenewalWorkstation workstation, Path trainerScenarios, Clock clock,
                                Runnable resetAction) {
        if (!workstation.training()) {
            throw new IllegalStateException("The training desk only works on a training workstation");
        }
        this.workstation = workstation;
        this.world = workstation.trainingWorld().orElseThrow();
        this.library = ScenarioLibrary.load(trainerScenarios);
        this.stage = new ScenarioStage(workstation.repositories(), clock);
        this.queries = new ReviewQueries(workstation.database(), clock.getZone());
        this.clock = clock;
        this.resetAction = resetAction;
        // Continue numbering after earlier runs in the same training database.
        this.runs = new AtomicInteger(new TrainingRunStore(workstation.database().jdbi()).scenarioCustomers());
    }

    @Override
    public ScenarioLibrary scenarios() {
        return library;
    }

    @Override
    public List<String> trainees() {
        List<String> logins = new ArrayList<>();
        for (StaffUser u : workstation.repositories().staff().ofBranch(TrainingDataGenerator.BRANCH_ID)) {
            if (u.role() == StaffRole.TELLER && u.active()) {
                logins.add(u.login());
            }
        }
        return logins;
    }

    @Override
    public bank.ushield.renewal.staff.StaffAccounts accounts() {
        return new bank.ushield.renewal.staff.TraineeAccounts(workstation::repositories, workstation::auditLog,
                TrainingDataGenerator.BRANCH_ID, clock);
    }

    @Override
    public boolean assign(String scenarioId, String trainee, String trainer) {
        library.get(scenarioId); // an unknown scenario is refused before anything is stored
        if (!trainees().contains(trainee)) {
            throw new IllegalArgumentException("Not a trainee of this training workstation: " + trainee);
        }
        boolean fresh = new bank.ushield.renewal.store.TrainingAssignmentStore(workstation.database().jdbi())
                .assign(trainee, scenarioId, trainer, clock.instant());
        LOG.info("Trainer {} assigned scenario {} to {}{}", trainer, scenarioId, trainee, fresh ? "" : " (again)");
        return fresh;
    }

    @Override
    public List<Scenario> assigned(String trainee) {
        return assignedScenarios(workstation, library, trainee);
    }

    /** The trainee's assigned scenarios found in the library (a trainee's home reads them without a desk). */
    public static List<Scenario> assignedScenarios(RenewalWorkstation workstation, ScenarioLibrary library,
                                                   String trainee) {
        return new bank.ushield.renewal.store.TrainingAssignmentStore(workstation.database().jdbi()).of(trainee)
                .stream().map(a -> library.find(a.scenarioId())).flatMap(java.util.Optional::stream).toList();
    }

    @Override
    public TrainingRun start(Scenario scenario, String trainee) {
        // Only an active trainee of this training workstation: a run is never staged in another account's name.
        if (!trainees().contains(trainee)) {
            throw new IllegalArgumentException("Not an active trainee of this training workstation: " + trainee);
        }
        int run = runs.incrementAndGet();
        ScenarioStage.Staged staged = stage.stage(scenario, run);
        // The card the customer brings goes in the simulated chip reader (the fixture file: any process, any restart).
        bank.ushield.renewal.readers.TrainingChipCards.in(workstation.dataFolder())
                .put(staged.customerNo(), staged.presentedCard(), null);
        world.ensureTokens();
        world.tokens().setFaults(SimulatedFaults.NONE);
        world.insert(staged.presentedToken());
        world.tokens().setBroken(staged.presentedToken(), scenario.fault(ScenarioFault.Kind.TOKEN_FAULTY).isPresent());
        if (scenario.fault(ScenarioFault.Kind.TOKEN_FAULTY).isPresent()) {
            // whichever trainee runs it finds a blank in their own box
            world.ensureBlankInBox(trainee, new bank.ushield.renewal.adapter.AuditCaseJournal(workstation.auditLog()));
        }
        world.citizens().forget(staged.idNumber());
        for (ScenarioFault f : scenario.faults()) {
            switch (f.kind()) {
                case PIN_LOCKED -> world.tokens().setTriesLeft(staged.presentedToken(), 0);
                case TOKEN_REMOVED -> world.tokens().setFaults(removal(world.tokens().faults(), f));
                case WRITE_FAILS -> world.tokens().setFaults(world.tokens().faults()
                        .withWriteFault(SimulatedFaults.WriteFault.WRITE_PROTECTED));
                case SLOW -> world.tokens().setFaults(world.tokens().faults()
                        .withStepDelay(java.time.Duration.ofMillis(f.delayMillis() > 0 ? f.delayMillis() : 1500)));
                case HEAD_OFFICE_REJECTS -> world.rejectRequestsOfCustomer(staged.customerNo(),
                        f.reason() == null ? "REJECTED_BY_TRAINER" : f.reason());
                case ONLINE_MATCH -> world.citizens().answer(staged.idNumber(), Answer.match(null));
                case ONLINE_NAME_MISMATCH -> world.citizens().answer(staged.idNumber(), Answer.of(Result.NAME_MISMATCH));
                case ONLINE_NOT_FOUND -> world.citizens().answer(staged.idNumber(), Answer.of(Result.NOT_FOUND));
                case ONLINE_DOCUMENT_INVALID -> world.citizens().answer(staged.idNumber(),
                        Answer.of(Result.DOCUMENT_LOST_OR_INVALID));
                case ONLINE_UNAVAILABLE -> world.citizens().answer(staged.idNumber(), f.delayMillis() > 0
                        ? Answer.match(null).slow(java.time.Duration.ofMillis(f.delayMillis())) : Answer.failing());
                case TOKEN_FAULTY -> {
                    // set above for every run, so a token stays faulty only in the scenario that says so
                }
                case WRONG_PIN -> {
                    // Scripted, not injected: the briefing tells the trainee the customer mistypes the PIN.
                }
            }
        }
        long before = workstation.auditLog().size();
        workstation.auditLog().append(AuditEvent.builder(AuditEventType.TRAINING_SCENARIO_STARTED, AuditOutcome.INFO)
                .actor(trainee, "TELLER").detail("scenario", scenario.id()).detail("customerNo", staged.customerNo())
                .build());
        LOG.info("Training run {} of scenario {} for {}: customer {}", run, scenario.id(), trainee,
                staged.customerNo());
        return new TrainingRun(scenario.id(), trainee, staged.customerNo(), staged.presentedToken(), clock.instant(),
                before, staged.idNumber(), staged.presentedCard());
    }

    /**
     * The pull a scenario asks for: at the named token operation (e.g. CERTIFICATE_WRITE) however many steps the
     * wizard takes before it, else after {@code count} session steps.
     */
    static SimulatedFaults removal(SimulatedFaults faults, ScenarioFault f) {
        if (f.step() != null && !f.step().isBlank()) {
            // ScenarioLibrary refused files naming an unknown operation.
            return faults.withRemoveAt(SimulatedFaults.Operation.valueOf(f.step().strip()));
        }
        return faults.withRemoveAtStep(f.count() > 0 ? f.count() : DEFAULT_REMOVE_STEP);
    }

    @Override
    public TraineeRecord record(TrainingRun run) {
        Optional<Object[]> found = new TrainingRunStore(workstation.database().jdbi()).newestCaseOf(run.customerNo());
        if (found.isEmpty()) {
            return new TraineeRecord(null, null, null, List.of());
        }
        long caseId = (Long) found.get()[0];
        List<TraineeRecord.ObservedEvent> events = new ArrayList<>();
        ReviewQueries.Filter filter = new ReviewQueries.Filter(null, null, null, caseId, null, null, null);
        for (ReviewQueries.Row row : queries.page(filter, ReviewQueries.Order.SEQ, true, 0, 10_000)) {
            events.add(new TraineeRecord.ObservedEvent(row.eventType(), row.outcome(),
                    queries.details(row.seq()).orElse("{}")));
        }
        return new TraineeRecord((String) found.get()[1], (String) found.get()[2], (String) found.get()[3], events);
    }

    @Override
    public ScoreReport score(TrainingRun run) {
        ScoreReport report = scorer.score(library.get(run.scenarioId()), record(run));
        workstation.auditLog().append(AuditEvent.builder(AuditEventType.TRAINING_SCENARIO_SCORED, AuditOutcome.INFO)
                .actor(run.trainee(), "TELLER").detail("scenario", run.scenarioId())
                .detail("case", String.valueOf(report.caseNo())).detail("percent", report.percent())
                .detail("missed", report.missed().stream()
                        .map(c -> c.step() == null ? c.kind().name() : c.step().name()).toList().toString())
                // which of them were done but should not have been, so a history reads "should not have happened"
                .detail("mistakes", report.missed().stream()
                        .filter(c -> c.kind() == ScoreReport.Check.Kind.FORBIDDEN_STEP)
                        .map(c -> c.step().name()).toList().toString())
                .build());
        return report;
    }

    @Override
    public ClassReport classReport() {
        return ClassReport.read(workstation.database(), workstation.parts().branchZone());
    }

    @Override
    public void reset() {
        resetAction.run();
    }
}
