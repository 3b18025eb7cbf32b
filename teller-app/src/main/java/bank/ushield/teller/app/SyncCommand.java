package bank.ushield.teller.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import bank.ushield.renewal.HeadOfficeLink;
import bank.ushield.renewal.Problem;
import bank.ushield.renewal.StaffMember;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.teller.AppPaths;
import bank.ushield.teller.error.ErrorTexts;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsStore;

/**
 * One exchange with head office without a window, for scripts and schedulers: sends the queued requests, imports
 * what the inbox holds (answers, customer extracts), and says in the exit code how it went.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Exchange batches with head office once (production; needs USHIELD_KEYSTORE_PASSWORD).",
                "Exit code: 0 something was sent (requests, revocations, or the audit log's checkpoint) or imported "
                        + "(head-office batches, customer extracts), 3 nothing to do, 1 failed or head office refused "
                        + "the audit log (the reason is printed)."})
final class SyncCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(SyncCommand.class);

    /** Exit code when no batch went out (not even an audit checkpoint) and the inbox held nothing new. */
    static final int NOTHING_TO_DO = 3;
    /** Exit code when the exchange (or the workstation's start) failed. */
    static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @ParentCommand
    TellerApp parent;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        Settings settings = new SettingsStore(parent.dataDir()).load();
        Texts.setLanguage(settings.language());
        AppPaths paths = new AppPaths(parent.dataDir(), false);
        try (RenewalWorkstation ws = DomainWiring.production(paths.modeDir(), settings, Clock.systemDefaultZone(),
                parent.keystorePassword(), parent::environment)) {
            HeadOfficeLink.SyncReport r = ws.renewals(StaffMember.HEAD_OFFICE_SYNC).syncNow();
            String detail = r.detail(Texts.locale());
            out.println(r.words(Texts.locale()) + (detail.isBlank() ? "" : " " + detail));
            for (Problem incident : r.incidents()) {
                Problem.Explanation why = incident.explain(Texts.locale());
                out.println(why.problem());
                why.causes().forEach(c -> out.println("  " + c));
                out.println(why.nextStep());
            }
            if (!r.incidents().isEmpty()) {
                return FAILED;
            }
            // A checkpoint-only batch or an imported acknowledgement is work done too: 3 only when nothing was.
            return r.nothingDone() ? NOTHING_TO_DO : 0;
        } catch (RuntimeException e) {
            // The explanation lists the possible causes and points at the log: write it there, and give IT on the
            // command line the one that happened (the exceptions' own words; they carry no secret).
            LOG.warn("Headless sync failed", e);
            Problem.Explanation why = ErrorTexts.explainer().explain(e);
            out.println("Failed: " + why.problem());
            why.causes().forEach(c -> out.println("  " + c));
            out.println(why.nextStep());
            out.println("Cause: " + causeWords(e));
            return FAILED;
        }
    }

    /** A fault's code with its arguments (HEAD_OFFICE_FOLDER_MISSING[...]): for the log, not for a person. */
    private static final java.util.regex.Pattern FAULT_CODE = java.util.regex.Pattern.compile("[A-Z][A-Z0-9_]+(\\[.*])?",
            java.util.regex.Pattern.DOTALL);

    /** Each message of the cause chain once, outermost first; fault codes left out (the log has them). */
    static String causeWords(Throwable e) {
        List<String> words = new ArrayList<>();
        for (Throwable c = e; c != null && words.size() < 4; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && !m.isBlank() && !FAULT_CODE.matcher(m.strip()).matches()
                    && words.stream().noneMatch(w -> w.contains(m))) {
                words.add(m);
            }
        }
        return words.isEmpty() ? "see the workstation log" : String.join("; ", words);
    }
}
