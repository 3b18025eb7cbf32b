package bank.ushield.renewal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.jdbi.v3.core.Handle;

import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.pin.PinPrompter;
import bank.ushield.token.pkcs11.Pkcs11TokenPort;
import bank.ushield.db.CaseState;
import bank.ushield.renewal.wiring.RenewalWorkstation;

/**
 * The child JVM of the crash tests. {@code run <dir> <serial> <module> <pin> <point>}: personalises the SoftHSM2
 * token with an old key, then runs a renewal and, at the named point, prints "AT point" and waits to be killed.
 * {@code resume ...}: reports the unfinished case ("FOUND state nextStep") and finishes it ("RESUMED state").
 * {@code abort ...}: closes it with a reason instead ("ABORTED reason", or "REFUSED code" when ADR 0050 refuses).
 */
public final class CrashChild {

    static final String CUSTOMER = "C0045";

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path dir = Path.of(args[1]);
        String serial = args[2];
        Path module = Path.of(args[3]);
        String pinText = args[4];
        String point = args.length > 5 ? args[5] : "";
        RenewalWorkstation.Hooks hooks = new RenewalWorkstation.Hooks(j -> new StoppingJournal(j, point),
                d -> new StoppingDesk(d, point));
        PinPrompter pin = r -> pinText.toCharArray();
        try (RenewalWorkstation ws = RenewalWorkstation.withHeadOfficeSimulator(TrainingDatabases.open(dir), dir, Seed.WS, KeyAlgorithm.EC_P256,
                Clock.systemUTC(), Pkcs11TokenPort.open(module), hooks)) {
            RenewalService s = ws.renewals(new StaffMember("teller1", "王小明", StaffMember.Role.TELLER));
            switch (mode) {
                case "run" -> {
                    String oldKey = ws.trainingWorld().orElseThrow().personaliseOld(serial, pinText.toCharArray(),
                            KeyAlgorithm.EC_P256);
                    say("PREPARED " + oldKey);
                    RenewalCase c = s.open(CUSTOMER);
                    after(point, CaseState.OPENED);
                    finish(s, c.id(), pin, point, Seed.voucher(serial));
                    say("DONE");
                }
                case "resume" -> {
                    List<ResumableCase> open = s.resumableCases();
                    if (open.isEmpty()) {
                        say("FOUND none");
                        return;
                    }
                    ResumableCase r = open.get(0);
                    say("FOUND " + r.renewalCase().state() + " " + r.nextStep());
                    finish(s, r.renewalCase().id(), pin, "", Seed.voucher(serial));
                    say("RESUMED " + s.find(r.renewalCase().id()).state());
                }
                case "abort" -> {
                    ResumableCase r = s.resumableCases().get(0);
                    say("FOUND " + r.renewalCase().state() + " " + r.nextStep());
                    try {
                        say("ABORTED " + s.abort(r.renewalCase().id(), AbortReason.ABANDONED_AFTER_RESTART).abortReason());
                    } catch (RenewalException e) {
                        // ADR 0050: the new certificate may be on the token; the case must be completed instead.
                        say("REFUSED " + e.code());
                    }
                }
                default -> throw new IllegalArgumentException(mode);
            }
        }
    }

    /** Runs the steps that follow the case's current state until it is completed. */
    static void finish(RenewalService s, long caseId, PinPrompter pin, String point, String voucher) {
        while (true) {
            RenewalCase c = s.find(caseId);
            switch (c.state()) {
                case OPENED -> s.verifyId(caseId, new PresentedDocument("RESIDENT_ID", "11010519491231002X", "张三",
                        LocalDate.of(1949, 12, 31), null, null, true));
                case ID_VERIFIED -> s.verifyCard(caseId, new PresentedCard(Seed.PAN, true));
                case CARD_VERIFIED -> require(s.verifyToken(caseId, voucher));
                case TOKEN_VERIFIED -> s.generateKey(caseId, pin);
                case KEY_GENERATED -> s.queueRequest(caseId);
                case CSR_QUEUED -> s.syncNow();
                case CERT_RECEIVED -> s.install(caseId, pin);
                case CERT_INSTALLED -> {
                    if (c.selfTestPassedAt() == null) {
                        require(s.selfTest(caseId, pin));
                    } else {
                        s.complete(caseId);
                    }
                }
                case COMPLETED, ABORTED -> {
                    return;
                }
            }
            RenewalCase now = s.find(caseId);
            if (now.state() != c.state()) {
                after(point, now.state());
            } else if (c.state() == CaseState.CSR_QUEUED) {
                throw new IllegalStateException("head office did not answer");
            }
        }
    }

    private static void require(Outcome o) {
        if (!(o instanceof Outcome.Advanced)) {
            throw new IllegalStateException("step did not pass: " + o);
        }
    }

    static void after(String point, CaseState state) {
        if (point.equals("after:" + state)) {
            stop(point);
        }
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** Tells the parent where we are, then waits for SIGKILL. */
    static void stop(String point) {
        say("AT " + point);
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops inside the transaction of a case event, after its audit entry was written but before the commit. */
    record StoppingJournal(CaseJournal delegate, String point) implements CaseJournal {
        @Override
        public long record(Handle handle, CaseEvent event) {
            long seq = delegate.record(handle, event);
            if (point.equals("in-tx:" + event.type())) {
                stop(point);
            }
            return seq;
        }
    }

    /** Stops right after a token write, before the database knows about it. */
    record StoppingDesk(TokenDesk delegate, String point) implements TokenDesk {
        @Override
        public PresentedToken read(String registeredSerial) {
            return delegate.read(registeredSerial);
        }

        @Override
        public GeneratedRequest generateKeyAndRequest(String expectedSerial, String keyId, String subjectDn,
                                                      PinPrompter pin) {
            GeneratedRequest r = delegate.generateKeyAndRequest(expectedSerial, keyId, subjectDn, pin);
            if (point.equals("token:after-keygen")) {
                stop(point);
            }
            return r;
        }

        @Override
        public void install(String expectedSerial, String newKeyId, byte[] certificateDer, String oldKeyIds,
                            PinPrompter pin) {
            delegate.install(expectedSerial, newKeyId, certificateDer, oldKeyIds, pin);
            if (point.equals("token:after-install")) {
                stop(point);
            }
        }

        @Override
        public SelfTestReport selfTest(String expectedSerial, String newKeyId, byte[] certificateDer,
                                       String oldKeyIds, PinPrompter pin) {
            return delegate.selfTest(expectedSerial, newKeyId, certificateDer, oldKeyIds, pin);
        }
    }
}
