package bank.ushield.teller.manager;

import java.awt.BorderLayout;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.ListSelectionModel;
import javax.swing.table.DefaultTableModel;

import net.miginfocom.swing.MigLayout;

import bank.ushield.renewal.review.AuditReview;
import bank.ushield.renewal.review.DayStatus;
import bank.ushield.renewal.review.ReviewRow;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.error.TellerAction;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.task.BackgroundTask;
import bank.ushield.teller.task.TaskExecutor;

/**
 * The daily review: the last days with their sign-off marks; for the picked day its exceptions and failures first,
 * then the count of the rest, and the sign-off, which appends an audit entry naming the tree head it covers.
 */
public final class DailySignOffPanel extends JPanel {

    private static final Texts TEXT = AuditReviewPanel.TEXT;
    static final int DAYS_SHOWN = 14;
    static final int ATTENTION_LIMIT = 500;

    private final AuditReview review;
    private final TaskExecutor executor;
    private final ZoneId zone;
    private final Supplier<LocalDate> today;
    private final String managerLogin;
    private final DefaultListModel<DayStatus> days = new DefaultListModel<>();
    private final JList<DayStatus> dayList = new JList<>(days);
    private final DefaultTableModel attention = new DefaultTableModel(0, 0) {
        @Override
        public boolean isCellEditable(int row, int column) {
            return false;
        }
    };
    private final JLabel dayTitle = new JLabel(TEXT.get("SignOff.pick"));
    private final JLabel others = new JLabel(" ");
    private final JLabel status = new JLabel(" ");
    /** What the sign-off just done said, kept while the reloaded days show that day again (else it vanished). */
    private LocalDate doneDay;
    private String doneText;
    /** What head office has not acknowledged yet: the part of the log a local insider could still roll back. */
    private final JLabel anchor = new JLabel(" ");
    /** The blank-token count the sign-off records, and a count that does not reconcile in words (ADR 0077). */
    private final JLabel stock = new JLabel(" ");
    private final JTextField comment = new JTextField(30);
    /** A second manager co-signs the exceptions the signer authorised (shown only when there are any). */
    private final JTextField coSigner = new JTextField(12);
    private final javax.swing.JPasswordField coSignerPassword = new javax.swing.JPasswordField(12);
    private final JPanel coSignRow = new JPanel(new MigLayout("insets 0, fillx", "[][][][][grow]"));
    private final JButton signOff;
    private final JTable table;
    private List<ReviewRow> shown = List.of();
    /** A branch's workstations by id (ADR 0089); the workstation column shows only when there are several. */
    private java.util.Map<String, bank.ushield.renewal.review.ReviewWorkstation> workstations = java.util.Map.of();
    private final javax.swing.table.TableColumn workstationColumn;
    /** Asks the manager before signing; tests may replace the dialog. */
    private java.util.function.Predicate<String> confirm = message -> javax.swing.JOptionPane.showConfirmDialog(this,
            message, TEXT.get("SignOff.confirm.title"), javax.swing.JOptionPane.OK_CANCEL_OPTION,
            javax.swing.JOptionPane.QUESTION_MESSAGE) == javax.swing.JOptionPane.OK_OPTION;
    private static final java.time.format.DateTimeFormatter SHORT_TIME =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");

    public DailySignOffPanel(AuditReview review, TaskExecutor executor, ZoneId zone, Supplier<LocalDate> today,
                             String managerLogin) {
        super(new BorderLayout());
        this.review = review;
        this.executor = executor;
        this.zone = zone;
        this.today = today;
        this.managerLogin = managerLogin;
        setName("dailySignOffPanel");

        dayList.setName("signOffDays");
        dayList.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        dayList.setCellRenderer((list, value, index, selected, focus) -> {
            JLabel l = new JLabel(value.signedOff()
                    ? TEXT.format("SignOff.day.signed", value.day(), value.signedOffBy())
                    : TEXT.format("SignOff.day.open", value.day(), value.entries(), value.attention()));
            l.setOpaque(true);
            l.setBorder(javax.swing.BorderFactory.createEmptyBorder(3, 6, 3, 6));
            l.setBackground(selected ? list.getSelectionBackground() : list.getBackground());
            l.setForeground(selected ? list.getSelectionForeground()
                    : value.signedOff() ? javax.swing.UIManager.getColor("Actions.Green") : list.getForeground());
            return l;
        });
        dayList.addListSelectionListener(e -> {
            if (!e.getValueIsAdjusting()) {
                loadDay();
            }
        });
        JPanel left = new JPanel(new BorderLayout());
        JLabel daysTitle = new JLabel(TEXT.get("SignOff.days.title"));
        daysTitle.putClientProperty("FlatLaf.styleClass", "h4");
        left.add(daysTitle, BorderLayout.NORTH);
        JScrollPane days = new JScrollPane(dayList);
        // As wide as a day's line needs (the split gives the rest to the table): it took a third of the screen.
        java.awt.FontMetrics dayFont = dayList.getFontMetrics(dayList.getFont());
        days.setPreferredSize(new java.awt.Dimension(dayFont.stringWidth(
                TEXT.format("SignOff.day.open", java.time.LocalDate.of(2026, 12, 31), 9999, 999)) + 40, 300));
        left.add(days, BorderLayout.CENTER);

        for (String key : new String[] {"Review.column.time", "Review.column.case", "Review.column.customer",
            "SignOff.column.what", "SignOff.column.who", "SignOff.column.authorisedBy", "Review.column.workstation"}) {
            attention.addColumn(TEXT.get(key));
        }
        table = new JTable(attention);
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.addMouseListener(new java.awt.event.MouseAdapter() {
            @Override
            public void mouseClicked(java.awt.event.MouseEvent e) {
                if (e.getClickCount() == 2 && table.rowAtPoint(e.getPoint()) >= 0) {
                    openEntry(table.rowAtPoint(e.getPoint()));
                }
            }
        });
        table.setName("signOffAttention");
        bank.ushield.teller.widget.DialogKeys.tabLeaves(table);
        bank.ushield.teller.widget.TableCells.wholeTextOnHover(table);
        table.setFillsViewportHeight(true);
        // The whole timestamp always shows; the event label gets the room left over.
        java.awt.FontMetrics fm = table.getFontMetrics(table.getFont());
        // A cell's insets and a little air (18 left "what happened" 4 px short in English at 1366x768).
        int pad = 12;
        // The day is in the title, so the time column shows the time only; the case number always whole.
        int[] widths = {fm.stringWidth("23:59:59"), fm.stringWidth("0000-W00-20261231-0000"),
            fm.stringWidth("\u5f20***"), fm.stringWidth(AuditLabels.event("CHECK_FAILED") + "\uff1a"
                + AuditLabels.check("CARD") + "\uff1a" + AuditLabels.reason("CARD_NOT_CUSTOMERS")),
            fm.stringWidth("manager01"), fm.stringWidth("manager01" + TEXT.get("SignOff.flagged"))};
        for (int i = 0; i < widths.length; i++) {
            // The header too: "Customer" is wider than 张*** and was cut in English.
            widths[i] = Math.max(widths[i], fm.stringWidth(attention.getColumnName(i)));
            table.getColumnModel().getColumn(i).setPreferredWidth(widths[i] + pad);
        }
        workstationColumn = table.getColumnModel().getColumn(widths.length);
        workstationColumn.setPreferredWidth(fm.stringWidth("0102-W03") + pad);
        table.removeColumn(workstationColumn);
        table.getColumnModel().getColumn(0).setMinWidth(widths[0] + pad);
        table.getColumnModel().getColumn(1).setMinWidth(widths[1] + pad);
        // The short columns keep their width; "what happened" takes the room left over.
        for (int i : new int[] {2, 4}) {
            table.getColumnModel().getColumn(i).setMinWidth(widths[i] + pad);
        }
        // After the sign-off the signer's authorisations say co-signed or flagged: always whole.
        int after = Math.max(fm.stringWidth("manager01" + TEXT.format("SignOff.coSignedBy", "manager02")),
                fm.stringWidth("manager01" + TEXT.get("SignOff.flaggedDone")));
        // It prefers that width but may give way down to its header: as a minimum it pushed the column past the
        // table's right edge at 1366x768 in English ("manager01 (authorised by yo" and nothing after).
        table.getColumnModel().getColumn(5).setMinWidth(Math.max(widths[4], fm.stringWidth(attention.getColumnName(5)))
                + pad);
        // Before the sign-off it prefers no more than that either: the room goes to "what happened" first (at
        // 1366x768 in English it was cut to "U-shield PIN locke..." while "Authorised by" stood half empty).
        table.getColumnModel().getColumn(5).setPreferredWidth(after + pad);
        table.getColumnModel().getColumn(3).setMinWidth(Math.min(widths[3], fm.charWidth('n') * 30) + pad);
        dayTitle.setName("signOffDayTitle");
        dayTitle.putClientProperty("FlatLaf.styleClass", "h4");
        others.setName("signOffOthers");
        comment.setName("signOffComment");
        status.setName("signOffStatus");
        anchor.setName("signOffAnchor");
        stock.setName("signOffStock");
        signOff = AuditReviewPanel.button("signOffButton", TellerAction.of(TEXT.get("SignOff.button"), e -> signOff()));
        signOff.setEnabled(false);

        JPanel right = new JPanel(new MigLayout("insets 0 8 0 0, fill, wrap 1", "[grow,fill]", "[][grow,fill][][][][][]"));
        right.add(dayTitle);
        right.add(new JScrollPane(table));
        right.add(others);
        JPanel signRow = new JPanel(new MigLayout("insets 0, fillx", "[][grow,fill][]"));
        signRow.add(new JLabel(TEXT.get("SignOff.comment")));
        signRow.add(comment);
        signRow.add(signOff);
        coSigner.setName("signOffCoSigner");
        coSignerPassword.setName("signOffCoSignerPassword");
        JLabel coSignTitle = new JLabel(TEXT.get("SignOff.coSign"));
        coSignTitle.setName("signOffCoSignTitle");
        coSignRow.add(coSignTitle, "span, wrap");
        JLabel coSignerLabel = new JLabel(TEXT.get("SignOff.coSign.login"));
        coSignerLabel.setLabelFor(coSigner);
        coSignRow.add(coSignerLabel);
        coSignRow.add(coSigner);
        JLabel coSignerPasswordLabel = new JLabel(TEXT.get("SignOff.coSign.password"));
        coSignerPasswordLabel.setLabelFor(coSignerPassword);
        coSignRow.add(coSignerPasswordLabel);
        coSignRow.add(coSignerPassword);
        coSignRow.setVisible(false);
        right.add(coSignRow, "hidemode 3");
        right.add(signRow);
        right.add(status);
        right.add(anchor);
        right.add(stock);

        JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, left, right);
        // The days keep the width their text needs; the rest goes to the table, whose "what happened" was cut at
        // 1366x768 while the list of days had room to spare.
        split.setResizeWeight(0);
        split.setDividerLocation(left.getPreferredSize().width);
        add(split, BorderLayout.CENTER);
    }

    /** Reloads the list of days (called when the screen is shown). */
    public void refresh() {
        executor.execute(BackgroundTask.call(review::workstations)
                .onSuccess(this::showWorkstations)
                .onFailure(e -> ErrorDialog.show(this, e)));
        LocalDate end = today.get();
        LocalDate start = end.minusDays(DAYS_SHOWN - 1);
        int keep = dayList.getSelectedIndex();
        executor.execute(BackgroundTask.call(() -> review.days(start, end))
                .onSuccess(list -> {
                    days.clear();
                    // Newest first: today's review is the usual task.
                    for (int i = list.size() - 1; i >= 0; i--) {
                        days.addElement(list.get(i));
                    }
                    if (keep >= 0 && keep < days.size()) {
                        dayList.setSelectedIndex(keep);
                    }
                })
                .onFailure(e -> ErrorDialog.show(this, e)));
        executor.execute(BackgroundTask.call(review::unanchored)
                .onSuccess(w -> {
                    anchor.setText(AuditLabels.anchorStatus(w, java.time.Instant.now(), zone));
                    // A log head office never acknowledged is wholly open to a rollback: shown in red.
                    anchor.putClientProperty("FlatLaf.style", w.neverAnchored() ? "foreground: $Actions.Red" : null);
                })
                .onFailure(e -> ErrorDialog.show(this, e)));
        executor.execute(BackgroundTask.call(review::stockCount)
                .onSuccess(this::showStock)
                .onFailure(e -> ErrorDialog.show(this, e)));
    }

    /** Several workstations: each exception names its workstation, in the column after the time. */
    private void showWorkstations(List<bank.ushield.renewal.review.ReviewWorkstation> list) {
        boolean wasBranch = workstations.size() > 1;
        java.util.Map<String, bank.ushield.renewal.review.ReviewWorkstation> byId = new java.util.LinkedHashMap<>();
        list.forEach(w -> byId.put(w.id(), w));
        workstations = byId;
        if (byId.size() > 1 && !wasBranch) {
            table.addColumn(workstationColumn);
            table.moveColumn(table.getColumnCount() - 1, 1);
        }
        if (byId.size() > 1) {
            AuditReviewPanel.fitWorkstationColumn(table, workstationColumn, list);
        }
    }

    private void showStock(bank.ushield.renewal.StockCount count) {
        String counts = TEXT.format("SignOff.stock", count.count(bank.ushield.renewal.StockState.BRANCH_STORE),
                count.count(bank.ushield.renewal.StockState.TELLER_BOX), count.count(bank.ushield.renewal.StockState.ISSUED),
                count.count(bank.ushield.renewal.StockState.RETURNED),
                count.count(bank.ushield.renewal.StockState.DESTROYED));
        if (count.reconciles()) {
            stock.setText(counts);
            stock.putClientProperty("FlatLaf.style", null);
        } else {
            bank.ushield.renewal.Problem.Explanation why = count.problem().explain(Texts.locale());
            stock.setText("<html>" + escape(counts) + "<br>" + escape(why.problem()) + " " + escape(why.nextStep())
                    + "</html>");
            stock.putClientProperty("FlatLaf.style", "foreground: $Actions.Red");
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private void loadDay() {
        DayStatus day = dayList.getSelectedValue();
        if (day == null) {
            return;
        }
        dayTitle.setText(TEXT.format("SignOff.attention.title", day.day()));
        signOff.setEnabled(false);
        executor.execute(BackgroundTask.call(() -> review.attention(day.day(), ATTENTION_LIMIT))
                .onSuccess(rows -> showDay(day, rows))
                .onFailure(e -> ErrorDialog.show(this, e)));
    }

    private void showDay(DayStatus day, List<ReviewRow> rows) {
        attention.setRowCount(0);
        shown = rows;
        for (ReviewRow r : rows) {
            String why = AuditLabels.why(r);
            String event = AuditLabels.event(r.eventType());
            String what = why.isEmpty() || why.equals(event) ? event : TEXT.format("SignOff.what", event, why);
            String by = r.authorisedBy() == null ? "" : r.authorisedBy();
            if (day.signedOff()) {
                // What the sign-off did with the signer's own authorisations: co-signed, or flagged.
                if (day.signedOffBy().equals(r.authorisedBy())) {
                    by += day.coSignedBy() != null ? TEXT.format("SignOff.coSignedBy", day.coSignedBy())
                            : TEXT.get("SignOff.flaggedDone");
                }
            } else if (managerLogin.equals(r.authorisedBy())) {
                by += TEXT.get("SignOff.flagged");
            }
            bank.ushield.renewal.review.ReviewWorkstation ws = r.workstation() == null ? null
                    : workstations.get(r.workstation());
            attention.addRow(new Object[] {SHORT_TIME.format(r.at().atZone(zone)), r.caseLabel(),
                r.customer() == null ? "" : r.customer(), what, r.doneBy(), by,
                ws == null ? (r.workstation() == null ? "" : r.workstation()) : ws.name()});
        }
        others.setText(rows.isEmpty() ? TEXT.get("SignOff.attention.none")
                : TEXT.format("SignOff.others", Math.max(0, day.entries() - rows.size())));
        boolean closed = day.day().isBefore(today.get());
        boolean justSigned = day.signedOff() && day.day().equals(doneDay);
        status.putClientProperty("FlatLaf.style", justSigned ? "foreground: $Actions.Green" : null);
        if (justSigned) {
            // Once, as the days reload after the sign-off; shown again later, the day says it itself.
            status.setText(doneText);
            doneDay = null;
        } else if (day.signedOff()) {
            // Who signed, and what became of the signer's own authorisations: co-signed, or flagged.
            boolean ownInDay = rows.stream().anyMatch(r -> day.signedOffBy().equals(r.authorisedBy()));
            status.setText(TEXT.format("SignOff.already", day.signedOffBy(),
                    AuditReviewPanel.TIME.format(day.signedOffAt().atZone(zone)))
                    + (day.coSignedBy() != null ? TEXT.format("SignOff.already.coSigned", day.coSignedBy())
                    : ownInDay ? TEXT.get("SignOff.already.flagged") : ""));
        } else if (!closed) {
            status.setText(TEXT.get("SignOff.notClosed"));
        } else {
            status.setText(" ");
        }
        signOff.setEnabled(!day.signedOff() && closed && day.entries() > 0);
        boolean own = rows.stream().anyMatch(r -> managerLogin.equals(r.authorisedBy()));
        coSignRow.setVisible(own && signOff.isEnabled());
        revalidate();
    }

    /** The exception's details as a labelled form, opened by double-click. */
    private void openEntry(int row) {
        if (row >= shown.size()) {
            return;
        }
        ReviewRow picked = shown.get(row);
        executor.execute(BackgroundTask.call(() -> review.detail(picked.workstation(), picked.seq()))
                .onSuccess(d -> {
                    JPanel form = new JPanel(new MigLayout("insets dialog, wrap 2", "[right][grow,fill,400:]"));
                    form.setName("signOffEntryDetail");
                    DetailForm.fill(form, d, zone);
                    javax.swing.JOptionPane.showMessageDialog(this, form, TEXT.get("SignOff.entry.title"),
                            javax.swing.JOptionPane.PLAIN_MESSAGE);
                })
                .onFailure(e -> ErrorDialog.show(this, e)));
    }

    private void signOff() {
        DayStatus day = dayList.getSelectedValue();
        if (day == null || day.signedOff()) {
            return;
        }
        long own = shown.stream().filter(r -> managerLogin.equals(r.authorisedBy())).count();
        String second = own > 0 ? coSigner.getText().strip() : "";
        String message = TEXT.format("SignOff.confirm.message", day.day(), day.entries(), day.attention())
                + (own == 0 ? "" : second.isEmpty() ? TEXT.format("SignOff.confirm.flagged", own)
                        : TEXT.format("SignOff.confirm.coSigned", own, second))
                + (workstations.size() > 1 ? TEXT.format("SignOff.confirm.branch", workstations.size()) : "");
        if (!confirm.test(message)) {
            return;
        }
        String text = comment.getText().trim();
        // The password leaves the field as an array that the review wipes; the field is cleared at once.
        AuditReview.CoSigner co = second.isEmpty() ? null : new AuditReview.CoSigner(second,
                coSignerPassword.getPassword());
        coSignerPassword.setText("");
        signOff.setEnabled(false);
        executor.execute(BackgroundTask.call(() -> review.signOff(day.day(), managerLogin, text, co))
                .onSuccess(done -> {
                    doneDay = done.day();
                    doneText = TEXT.format("SignOff.done", done.day(), done.treeSize())
                            + (own == 0 ? "" : co == null ? TEXT.format("SignOff.done.flagged", own)
                                    : TEXT.format("SignOff.done.coSigned", own, co.login()));
                    status.setText(doneText);
                    coSigner.setText("");
                    status.putClientProperty("FlatLaf.style", "foreground: $Actions.Green");
                    comment.setText("");
                    refresh();
                })
                .onFailure(e -> {
                    signOff.setEnabled(true);
                    ErrorDialog.show(this, e);
                }));
    }
}
