package bank.ushield.teller.admin;

import java.awt.Window;
import java.util.concurrent.CancellationException;

import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.KeyStroke;

import net.miginfocom.swing.MigLayout;

import bank.ushield.renewal.HeadOfficeLink;
import bank.ushield.renewal.Problem;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.error.TellerAction;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.task.BackgroundTask;
import bank.ushield.teller.task.TaskExecutor;
import bank.ushield.teller.task.TaskHandle;

/**
 * "Sync now" for a manager or IT: one exchange with head office off the EDT, a progress bar while it runs (it
 * waits for an exchange already running), Cancel, and the result in words.
 */
public final class SyncNowDialog extends JDialog {

    public static final Texts TEXT = Texts.of(SyncNowDialog.class, "Admin");
    private final JProgressBar progress = new JProgressBar();
    private final JLabel result = new JLabel(" ");
    private final JButton cancel;
    private final JButton close;
    private TaskHandle running;

    private SyncNowDialog(Window owner, HeadOfficeLink link, TaskExecutor executor) {
        super(owner, TEXT.get("Admin.sync.title"), ModalityType.APPLICATION_MODAL);
        setName("syncNowDialog");
        JPanel content = new JPanel(new MigLayout("insets dialog, wrap 1, width 520", "[grow,fill]"));
        JLabel what = new JLabel("<html>" + TEXT.get("Admin.sync.what") + "</html>");
        content.add(what);
        progress.setName("syncProgress");
        progress.setIndeterminate(true);
        content.add(progress, "hidemode 3");
        result.setName("syncResult");
        content.add(result, "wmin 0");
        cancel = new JButton(TellerAction.of(TEXT.get("Admin.sync.cancel"), e -> cancel()));
        cancel.setName("syncCancel");
        close = new JButton(TellerAction.of(TEXT.get("Admin.sync.close"), e -> dispose()));
        close.setName("syncClose");
        close.setEnabled(false);
        content.add(cancel, "split 2, tag cancel");
        content.add(close, "tag ok");
        getRootPane().getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke("ESCAPE"), "cancel");
        getRootPane().getActionMap().put("cancel", cancel.getAction());
        setDefaultCloseOperation(DO_NOTHING_ON_CLOSE);
        addWindowListener(new java.awt.event.WindowAdapter() {
            @Override
            public void windowClosing(java.awt.event.WindowEvent e) {
                if (close.isEnabled()) {
                    dispose();
                } else {
                    cancel();
                }
            }
        });
        setContentPane(content);
        pack();
        setLocationRelativeTo(owner);
        result.setText(TEXT.get("Admin.sync.running"));
        running = executor.execute(BackgroundTask.call(link::syncNow)
                .onSuccess(r -> result.setText(html(words(r))))
                .onFailure(e -> {
                    if (e instanceof CancellationException || e instanceof InterruptedException) {
                        result.setText(html(TEXT.get("Admin.sync.cancelled")));
                    } else {
                        result.setText(html(TEXT.format("Admin.sync.failed",
                                ErrorDialog.explainer().explain(e).problem())));
                        ErrorDialog.show(this, e);
                    }
                })
                .onFinished(this::finished));
    }

    /** Opens the dialog over {@code owner} and starts the exchange; on the EDT. */
    public static void open(Window owner, HeadOfficeLink link, TaskExecutor executor) {
        new SyncNowDialog(owner, link, executor).setVisible(true);
    }

    private void cancel() {
        if (running != null && !running.isDone()) {
            running.cancel();
        } else {
            dispose();
        }
    }

    private void finished() {
        progress.setVisible(false);
        cancel.setEnabled(false);
        close.setEnabled(true);
        getRootPane().setDefaultButton(close);
        close.requestFocusInWindow();
        pack();
    }

    /** The report in the user's language: what went out, what came in, each file's note, what a person must do. */
    static String words(HeadOfficeLink.SyncReport r) {
        // The same words as the command line's sync (HeadOfficeLink.SyncReport.words): a checkpoint-only batch or
        // head office's acknowledgement is something done, not "nothing to do".
        StringBuilder s = new StringBuilder(r.words(Texts.locale()));
        for (Problem incident : r.incidents()) {
            Problem.Explanation why = incident.explain(Texts.locale());
            s.append(s.length() > 0 ? " " : "").append(why.problem()).append(' ').append(why.nextStep());
        }
        return s.toString();
    }

    private static String html(String text) {
        return "<html><body style='width:440px'>" + text.replace("&", "&amp;").replace("<", "&lt;") + "</body></html>";
    }
}
