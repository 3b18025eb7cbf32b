package bank.ushield.teller.manager;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.JTabbedPane;

import bank.ushield.renewal.review.AuditReview;
import bank.ushield.renewal.review.ReviewCodes;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.shell.HomeScreen;
import bank.ushield.teller.task.TaskExecutor;

/** The branch manager's home screen: audit review, daily sign-off and charts, one tab each. */
public final class ManagerHome implements HomeScreen {

    private static final Texts TEXT = AuditReviewPanel.TEXT;

    private final JTabbedPane tabs = new JTabbedPane();
    private final JPanel screen = new JPanel(new java.awt.BorderLayout());
    private final AuditReviewPanel review;
    private final DailySignOffPanel signOff;
    private final ReviewChartsPanel charts;
    private final StockPanel stock;

    /** What the manager sees while the audit log is not open (the modules did not start). */
    public static String unavailableText() {
        return AuditReviewPanel.TEXT.get("Manager.unavailable");
    }

    public ManagerHome(AuditReview audit, TaskExecutor executor, ZoneId zone,
                       Supplier<LocalDate> today, String managerLogin) {
        this(audit, executor, zone, today, managerLogin, null);
    }

    /** As above, with the branch's blank U-shields (null: no stock tab). */
    public ManagerHome(AuditReview audit, TaskExecutor executor, ZoneId zone,
                       Supplier<LocalDate> today, String managerLogin, bank.ushield.renewal.TokenStock tokenStock) {
        // In the enum's order: grouped as a manager thinks of them (sessions, case steps, dual control, token, ...).
        List<String> types = ReviewCodes.eventTypes();
        review = new AuditReviewPanel(audit, executor, zone, types, managerLogin);
        signOff = new DailySignOffPanel(audit, executor, zone, today, managerLogin);
        charts = new ReviewChartsPanel(audit, executor, today);
        tabs.setName("managerTabs");
        tabs.addTab(TEXT.get("Manager.tab.review"), review);
        tabs.addTab(TEXT.get("Manager.tab.signoff"), signOff);
        tabs.addTab(TEXT.get("Manager.tab.charts"), charts);
        stock = tokenStock == null ? null : new StockPanel(tokenStock, executor, managerLogin);
        if (stock != null) {
            tabs.addTab(TEXT.get("Manager.tab.stock"), stock);
            stock.setBorder(javax.swing.BorderFactory.createEmptyBorder(8, 8, 8, 8));
        }
        // Alt+1.. picks a tab from anywhere on the screen: Ctrl+PageDown does nothing once the focus is in a list
        // or a table (each keeps those keys), and a manager moves between the tabs every day.
        for (int i = 0; i < tabs.getTabCount(); i++) {
            tabs.setTitleAt(i, tabs.getTitleAt(i) + "  Alt+" + (i + 1));
            tabs.setMnemonicAt(i, java.awt.event.KeyEvent.VK_1 + i);
        }
        tabs.addChangeListener(e -> refreshSelected());
        // The shell's work area has no margin of its own: keep the tables and charts off the window's edge.
        for (JComponent tab : new JComponent[] {review, signOff, charts}) {
            tab.setBorder(javax.swing.BorderFactory.createEmptyBorder(8, 8, 8, 8));
        }
        screen.setBorder(javax.swing.BorderFactory.createEmptyBorder(4, 8, 8, 8));
        screen.add(tabs);
    }

    @Override
    public JComponent component() {
        return screen;
    }

    @Override
    public void shown() {
        review.refresh();
        refreshSelected();
    }

    private void refreshSelected() {
        JComponent selected = (JComponent) tabs.getSelectedComponent();
        if (selected == signOff) {
            signOff.refresh();
        } else if (selected == charts) {
            charts.refresh();
        } else if (selected != null && selected == stock) {
            stock.refresh();
        }
    }
}
