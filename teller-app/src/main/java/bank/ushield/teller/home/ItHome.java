package bank.ushield.teller.home;

import java.util.List;

import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;

import net.miginfocom.swing.MigLayout;

import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.settings.UnpinnedCounter;
import bank.ushield.teller.task.BackgroundTask;
import bank.ushield.teller.shell.HomeScreen;
import bank.ushield.teller.shell.ShellContext;

/**
 * IT support's home screen: what this workstation is (mode, workstation id, data folder, database, the card key's
 * check value to compare across the branch's counters) and where its
 * administration is (Settings, Sync now and Staff in the header). IT serves no customer.
 */
public final class ItHome implements HomeScreen {

    private static final Texts TEXT = Texts.of(ItHome.class, "Home");
    private final JPanel panel = new JPanel(new MigLayout("insets 24, wrap 2", "[right][grow,fill]"));
    private final JLabel pins = new JLabel();
    private final ShellContext context;

    public ItHome(ShellContext context) {
        panel.setName("itHome");
        JLabel heading = new JLabel(TEXT.get("Home.it.heading"));
        heading.putClientProperty("FlatLaf.styleClass", "h2");
        panel.add(heading, "span 2, left, gapbottom para");
        var ws = context.workstation();
        row(TEXT.get("Home.it.mode"), TEXT.get(ws.training() ? "Home.it.mode.training" : "Home.it.mode.production"),
                "itMode");
        row(TEXT.get("Home.it.workstation"), ws.workstationId(), "itWorkstation");
        row(TEXT.get("Home.it.dataFolder"), ws.paths().modeDir().toString(), "itDataFolder");
        ws.database().ifPresentOrElse(db -> {
            row(TEXT.get("Home.it.database"), db.branchServer()
                    ? TEXT.format("Home.it.database.branch", db.where(), db.user())
                    : TEXT.format("Home.it.database.file", db.where()), "itDatabase");
            row(TEXT.get("Home.it.schemaVersion"), db.schemaVersion(), "itSchemaVersion");
            if (db.cardKeyCheck() != null) {
                row(TEXT.get("Home.it.cardKeyCheck"), TEXT.format("Home.it.cardKeyCheck.value", db.cardKeyCheck()),
                        "itCardKeyCheck");
            }
        }, () -> row(TEXT.get("Home.it.database"), TEXT.get("Home.it.database.starting"), "itDatabase"));
        JLabel help = new JLabel("<html>" + TEXT.get("Home.it.help") + "</html>");
        panel.add(help, "span 2, left, gaptop para, wmax 900");
        pins.setName("itPinnedKeys");
        pins.setForeground(new java.awt.Color(0xB0, 0x1C, 0x1C));
        pins.setVisible(false);
        panel.add(pins, "span 2, left, gaptop para, wmax 900, hidemode 3");
        this.context = context;
    }

    @Override
    public void shown() {
        // Read each time the screen shows: a counter's key rotation is the usual cause, and it happens any day.
        context.workstation().unpinnedCounters().ifPresent(check -> context.workstation().executor().execute(
                BackgroundTask.call(check::get).onSuccess(this::showPins).onFailure(e -> {
                    org.slf4j.LoggerFactory.getLogger(ItHome.class).warn("The pinned counters' keys were not read", e);
                    pins.setText("<html>" + TEXT.get("Home.it.pins.unread") + "</html>");
                    pins.setVisible(true);
                })));
    }

    /** Each counter in words, with what to do; nothing when every counter's key is pinned. */
    private void showPins(List<UnpinnedCounter> counters) {
        StringBuilder text = new StringBuilder("<html>");
        for (UnpinnedCounter c : counters) {
            String counter = c.name().equals(c.workstation()) ? c.workstation() : c.name() + " (" + c.workstation() + ")";
            text.append(TEXT.format(c.anyPinned() ? "Home.it.pins.changed" : "Home.it.pins.none", counter,
                    c.folder())).append("<br>");
        }
        pins.setText(text.append("</html>").toString());
        pins.setVisible(!counters.isEmpty());
    }

    private void row(String label, String value, String name) {
        panel.add(new JLabel(label));
        JLabel v = new JLabel(value);
        v.setName(name);
        panel.add(v);
    }

    @Override
    public JComponent component() {
        return panel;
    }
}
