package bank.ushield.teller.manager;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.ListSelectionModel;
import javax.swing.table.AbstractTableModel;
import javax.swing.table.DefaultTableCellRenderer;

import net.miginfocom.swing.MigLayout;

import bank.ushield.renewal.review.AuditReview;
import bank.ushield.renewal.review.AuditSort;
import bank.ushield.renewal.review.CsvTexts;
import bank.ushield.renewal.review.EntryDetail;
import bank.ushield.renewal.review.ReviewFilter;
import bank.ushield.renewal.review.ReviewRow;
import bank.ushield.renewal.review.ReviewWorkstation;
import bank.ushield.renewal.review.VerifyOutcome;
import bank.ushield.renewal.review.WorkstationOutcome;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.error.TellerAction;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.task.BackgroundTask;
import bank.ushield.teller.task.TaskExecutor;
import bank.ushield.teller.task.TaskHandle;

/**
 * The manager's audit review: filters, one page of entries at a time, the selected entry's masked details and
 * inclusion proof, full verification with a clear result, and CSV / evidence export. All audit work runs off the
 * EDT through the {@link TaskExecutor}.
 */
public final class AuditReviewPanel extends JPanel {

    static final Texts TEXT = Texts.of(AuditReviewPanel.class, "Manager");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final String ANY = "";

    private final AuditReview review;
    private final TaskExecutor executor;
    private final ZoneId zone;
    private final String managerLogin;
    private final ReviewModel model = new ReviewModel();
    private final RowsTableModel tableModel = new RowsTableModel();

    private final JTextField fromField = field("filterFrom", 9);
    private final JTextField toField = field("filterTo", 9);
    private final JTextField tellerField = field("filterTeller", 8);
    private final JTextField caseField = field("filterCase", 6);
    private final JComboBox<String> eventBox = new JComboBox<>();
    private final JComboBox<String> outcomeBox = new JComboBox<>(new String[] {ANY, "OK", "FAILED", "REFUSED", "INFO"});
    private final JTextField customerField = field("filterCustomer", 10);
    /** A branch's workstations (ADR 0089): the filter and the column show only when there are several. */
    private final JComboBox<String> workstationBox = new JComboBox<>();
    private final JLabel workstationLabel = new JLabel(TEXT.get("Review.filter.workstation"));
    private java.util.Map<String, ReviewWorkstation> workstations = java.util.Map.of();
    private final javax.swing.table.TableColumn workstationColumn;
    private final JLabel pageLabel = new JLabel(" ");
    private final JPanel detailForm = new JPanel(new MigLayout("insets 4, wrap 2", "[right][grow,fill]"));
    private final JTextArea technicalArea = new JTextArea();
    private final javax.swing.JToggleButton technical = new javax.swing.JToggleButton(TEXT.get("Review.detail.technical"));
    private final JButton caseEntries = new JButton(TellerAction.of(TEXT.get("Review.detail.caseEntries"), e -> showCase()));
    private final JButton caseReceipt = new JButton(TellerAction.of(TEXT.get("Review.detail.receipt"), e -> showReceipt()));
    private final JProgressBar verifyProgress = new JProgressBar();
    private final JLabel verifyResult = new JLabel(" ");
    /** Under an intact result: the entries no signed checkpoint vouches for yet (a line of its own, it is long). */
    private final JLabel verifyUnsigned = new JLabel();
    private final JButton verifyButton;
    private final JButton exportCsvButton;
    private final JButton cancelButton;
    /** The verify or export running now, which Cancel stops. */
    private TaskHandle running;
    private final JButton previous;
    private final JButton next;
    private final JTable table = new JTable(tableModel);

    public AuditReviewPanel(AuditReview review, TaskExecutor executor, ZoneId zone, List<String> eventTypes,
                            String managerLogin) {
        super(new BorderLayout());
        this.review = review;
        this.executor = executor;
        this.zone = zone;
        this.managerLogin = managerLogin;
        setName("auditReviewPanel");

        eventBox.setName("filterEvent");
        eventBox.addItem(ANY);
        eventTypes.forEach(eventBox::addItem);
        // The boxes hold the stored codes (the query needs them) and show their labels.
        eventBox.setRenderer(new CodeRenderer(AuditLabels::event));
        eventBox.setMaximumRowCount(20);
        outcomeBox.setName("filterOutcome");
        outcomeBox.setRenderer(new CodeRenderer(AuditLabels::outcome));

        workstationBox.setName("filterWorkstation");
        // The open list names each workstation in full; the closed box, narrow at 1366 wide, its name alone.
        CodeRenderer full = new CodeRenderer(this::workstationName);
        CodeRenderer shortName = new CodeRenderer(this::shortName);
        workstationBox.setRenderer((list, value, index, selected, focus) -> (index < 0 ? shortName : full)
                .getListCellRendererComponent(list, value, index, selected, focus));
        workstationBox.setVisible(false);
        workstationLabel.setVisible(false);
        JPanel filters = new JPanel(new MigLayout("insets 0 0 6 0, fillx",
                "[][]rel[][]rel[][]rel[][]rel[][]rel[][]rel[][]rel[][]push[]"));
        filters.add(workstationLabel, "hidemode 3");
        // The boxes may narrow at 1366 wide: with the workstation filter the row holds nine fields.
        filters.add(workstationBox, "hidemode 3, wmin 110, wmax 200");
        filters.add(new JLabel(TEXT.get("Review.filter.from")));
        filters.add(fromField, "w 108!");
        filters.add(new JLabel(TEXT.get("Review.filter.to")));
        filters.add(toField, "w 108!");
        filters.add(new JLabel(TEXT.get("Review.filter.teller")));
        filters.add(tellerField, "w 90!");
        filters.add(new JLabel(TEXT.get("Review.filter.case")));
        filters.add(caseField, "w 70!");
        filters.add(new JLabel(TEXT.get("Review.filter.event")));
        filters.add(eventBox, "wmax 230");
        filters.add(new JLabel(TEXT.get("Review.filter.outcome")));
        filters.add(outcomeBox);
        filters.add(new JLabel(TEXT.get("Review.filter.customer")));
        filters.add(customerField, "w 110:170");
        // The dates' format as a grey hint in the empty fields (FlatLaf placeholder).
        fromField.putClientProperty("JTextField.placeholderText", "yyyy-MM-dd");
        toField.putClientProperty("JTextField.placeholderText", "yyyy-MM-dd");
        JButton search = button("filterSearch", TellerAction.of(TEXT.get("Review.filter.search"), e -> search()));
        filters.add(search);

        table.setName("auditTable");
        bank.ushield.teller.widget.DialogKeys.tabLeaves(table);
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.setAutoCreateRowSorter(false);
        table.setFillsViewportHeight(true);
        table.setDefaultRenderer(Object.class, new AttentionRenderer());
        table.setDefaultRenderer(Long.class, new AttentionRenderer());
        bank.ushield.teller.widget.TableCells.wholeTextOnHover(table);
        fitColumns(eventTypes);
        // Shown only for a branch of several workstations: one counter's screen looks as it always did.
        workstationColumn = table.getColumnModel().getColumn(RowsTableModel.WORKSTATION);
        table.removeColumn(workstationColumn);
        table.getTableHeader().addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                int col = table.columnAtPoint(e.getPoint());
                AuditSort.Column sort = col < 0 ? null : RowsTableModel.SORT_COLUMNS[table.convertColumnIndexToModel(col)];
                if (sort != null) {
                    load(model.sortBy(sort));
                }
            }
        });
        table.getSelectionModel().addListSelectionListener(e -> {
            if (!e.getValueIsAdjusting()) {
                selected();
            }
        });

        previous = button("pagePrevious", TellerAction.of(TEXT.get("Review.page.previous"), e -> load(model.previousPage())));
        next = button("pageNext", TellerAction.of(TEXT.get("Review.page.next"), e -> load(model.nextPage())));
        JPanel pager = new JPanel(new MigLayout("insets 4 0 0 0, fillx", "[][]push[]push[][]"));
        pager.add(button("pageFirst", TellerAction.of(TEXT.get("Review.page.first"), e -> load(model.firstPage()))));
        pager.add(previous);
        pageLabel.setName("pageLabel");
        pager.add(pageLabel);
        pager.add(next);
        pager.add(button("pageLast", TellerAction.of(TEXT.get("Review.page.last"), e -> load(model.lastPage()))));

        JPanel tablePane = new JPanel(new BorderLayout());
        tablePane.add(new JScrollPane(table), BorderLayout.CENTER);
        tablePane.add(pager, BorderLayout.SOUTH);

        detailForm.setName("entryDetail");
        technicalArea.setName("entryTechnical");
        technicalArea.setEditable(false);
        technicalArea.setLineWrap(true);
        technicalArea.setRows(12);
        JScrollPane technicalScroll = new JScrollPane(technicalArea);
        technicalScroll.setVisible(false);
        technical.setName("entryTechnicalToggle");
        technical.setToolTipText(TEXT.get("Review.detail.technical.tip"));
        technical.setEnabled(false);
        technical.addActionListener(e -> {
            technicalScroll.setVisible(technical.isSelected());
            technicalScroll.getParent().revalidate();
        });
        caseEntries.setName("entryCaseEntries");
        caseEntries.setEnabled(false);
        JPanel detailBody = new JPanel(new MigLayout("insets 0, fill, wrap 1", "[grow,fill]", "[][][grow,fill]"));
        detailBody.add(detailForm, "growx");
        // One per line: the detail pane is narrow at 1366x768 and English labels are long (the third was cut).
        JPanel detailButtons = new JPanel(new MigLayout("insets 4 0 4 0, wrap 1", "[fill]"));
        detailButtons.add(caseEntries);
        caseReceipt.setName("entryCaseReceipt");
        caseReceipt.setEnabled(false);
        detailButtons.add(caseReceipt);
        detailButtons.add(technical);
        detailBody.add(detailButtons);
        detailBody.add(technicalScroll, "hidemode 3");
        showDetail(null);
        JPanel detailPane = new JPanel(new BorderLayout());
        // The table keeps the width its columns need; the detail takes the rest (at least a readable column).
        // Wide enough for the labelled form's case number and time in bold, English labels included.
        // 300: at 330 the table's columns, each at least as wide as its header, no longer fitted at 1366x768.
        detailPane.setMinimumSize(new java.awt.Dimension(300, 100));
        detailPane.setPreferredSize(new java.awt.Dimension(300, 400));
        JLabel detailTitle = new JLabel(TEXT.get("Review.detail.title"));
        detailTitle.putClientProperty("FlatLaf.styleClass", "h4");
        detailPane.add(detailTitle, BorderLayout.NORTH);
        detailPane.add(new JScrollPane(detailBody), BorderLayout.CENTER);

        JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, tablePane, detailPane);
        // The table first: the detail keeps its preferred width, the table the rest (at 1366x768 the detail took
        // a third and the event and check columns were cut).
        split.setResizeWeight(1.0);

        verifyButton = button("verifyButton", TellerAction.of(TEXT.get("Review.verify.button"), e -> verify()));
        verifyProgress.setName("verifyProgress");
        verifyProgress.setStringPainted(true);
        verifyProgress.setVisible(false);
        verifyResult.setName("verifyResult");
        verifyUnsigned.setName("verifyUnsigned");
        verifyUnsigned.setVisible(false);
        exportCsvButton = button("exportCsv", TellerAction.of(TEXT.get("Review.export.csv"), e -> exportCsv()));
        cancelButton = button("longCancel", TellerAction.of(TEXT.get("Review.cancel"), e -> cancelLong()));
        cancelButton.setVisible(false);
        JPanel bottom = new JPanel(new MigLayout("insets 6 0 0 0, fillx", "[][200!][grow,fill][][][]"));
        bottom.add(verifyButton);
        bottom.add(verifyProgress, "growx");
        bottom.add(verifyResult, "wmin 0");
        bottom.add(cancelButton, "hidemode 3");
        bottom.add(exportCsvButton);
        bottom.add(button("exportEvidence", TellerAction.of(TEXT.get("Review.export.evidence"), e -> exportEvidence())));
        bottom.add(verifyUnsigned, "newline, skip 2, wmin 0, hidemode 3");

        add(filters, BorderLayout.NORTH);
        add(split, BorderLayout.CENTER);
        add(bottom, BorderLayout.SOUTH);

        model.addPropertyChangeListener(e -> {
            if (ReviewModel.ROWS.equals(e.getPropertyName())) {
                tableModel.fireTableDataChanged();
                updatePager();
            } else if (ReviewModel.DETAIL.equals(e.getPropertyName())) {
                showDetail(model.detail());
            }
        });
    }

    /** Loads the first page (called when the screen is shown), and the branch's workstations. */
    public void refresh() {
        load(model.reload());
        executor.execute(BackgroundTask.call(review::workstations)
                .onSuccess(this::showWorkstations)
                .onFailure(e -> ErrorDialog.show(this, e)));
    }

    /** Several workstations: the workstation filter, and the column after the time. */
    private void showWorkstations(List<ReviewWorkstation> list) {
        java.util.Map<String, ReviewWorkstation> byId = new java.util.LinkedHashMap<>();
        list.forEach(w -> byId.put(w.id(), w));
        boolean branch = byId.size() > 1;
        boolean wasBranch = workstations.size() > 1;
        workstations = byId;
        if (branch) {
            Object picked = workstationBox.getSelectedItem();
            workstationBox.removeAllItems();
            workstationBox.addItem(ANY);
            byId.keySet().forEach(workstationBox::addItem);
            workstationBox.setSelectedItem(picked == null ? ANY : picked);
        }
        workstationBox.setVisible(branch);
        workstationLabel.setVisible(branch);
        if (branch && !wasBranch && workstationBox.getParent().getLayout() instanceof MigLayout filters) {
            // Nine filters at 1366 wide: the two lists may narrow (one counter's row stays as it was).
            filters.setComponentConstraints(eventBox, "wmin 90, wmax 230");
            filters.setComponentConstraints(outcomeBox, "wmin 90");
        }
        if (branch && !wasBranch) {
            table.addColumn(workstationColumn);
            table.moveColumn(table.getColumnCount() - 1, 1);
        }
        if (branch) {
            fitWorkstationColumn(table, workstationColumn, list);
        }
        revalidate();
    }

    /** The workstation column as wide as its longest label (or its header), never cut. */
    static void fitWorkstationColumn(JTable table, javax.swing.table.TableColumn column, List<ReviewWorkstation> list) {
        java.awt.FontMetrics fm = table.getFontMetrics(table.getFont());
        int width = fm.stringWidth(String.valueOf(column.getHeaderValue()) + " \u25bc");
        for (ReviewWorkstation w : list) {
            width = Math.max(width, fm.stringWidth(w.name() == null ? w.id() : w.name()));
        }
        column.setMinWidth(width + 16);
        column.setPreferredWidth(width + 16);
    }

    /** A workstation's name alone (its id when it has none): the table column, the closed filter box. */
    private String shortName(String id) {
        ReviewWorkstation w = workstations.get(id);
        return w == null || w.name() == null ? id : w.name();
    }

    /** A workstation's name and id as the branch's screens show it (the id alone when it has no name). */
    private String workstationName(String id) {
        ReviewWorkstation w = workstations.get(id);
        return w == null ? id : w.label();
    }

    ReviewModel model() {
        return model;
    }

    private void search() {
        ReviewFilter query;
        try {
            query = new ReviewFilter(date(fromField), date(toField), text(tellerField),
                    caseField.getText().isBlank() ? null : Long.valueOf(caseField.getText().trim()),
                    blankToNull((String) eventBox.getSelectedItem()), blankToNull((String) outcomeBox.getSelectedItem()),
                    text(customerField), blankToNull((String) workstationBox.getSelectedItem()));
        } catch (DateTimeParseException | NumberFormatException e) {
            verifyResult.setText(TEXT.get("Review.filter.invalid"));
            return;
        }
        load(model.filter(query));
    }

    private void load(ReviewModel.PageRequest request) {
        executor.execute(BackgroundTask.call(() -> {
            long total = request.recount() ? review.count(request.query()) : -1;
            return new Object[] {total, review.page(request.query(), request.sort(), request.offset(), request.limit())};
        }).onSuccess(result -> {
            @SuppressWarnings("unchecked")
            List<ReviewRow> rows = (List<ReviewRow>) result[1];
            model.showPage(request, (Long) result[0], rows);
        }).onFailure(e -> ErrorDialog.show(this, e)));
    }

    private void selected() {
        int row = table.getSelectedRow();
        if (row < 0 || row >= model.rows().size()) {
            return;
        }
        ReviewRow picked = model.rows().get(row);
        executor.execute(BackgroundTask.call(() -> review.detail(picked.workstation(), picked.seq()))
                .onSuccess(model::setDetail)
                .onFailure(e -> ErrorDialog.show(this, e)));
    }

    private void showDetail(EntryDetail d) {
        detailForm.removeAll();
        caseEntries.setEnabled(d != null && d.row().caseId() != null);
        caseReceipt.setEnabled(d != null && d.row().caseId() != null);
        technical.setEnabled(d != null);
        if (d == null) {
            // Wrapped within the pane: in English the line was cut ("... details and its pro").
            JLabel none = new JLabel("<html><body style='width:260px'>" + TEXT.get("Review.detail.none") + "</body></html>");
            none.setName("detailNone");
            detailForm.add(none, "span 2");
            technicalArea.setText("");
        } else {
            DetailForm.fill(detailForm, d, zone);
            technicalArea.setText(technicalText(d));
            technicalArea.setCaretPosition(0);
        }
        detailForm.revalidate();
        detailForm.repaint();
    }

    /** The inspector's view: stored codes, canonical JSON, leaf hash and inclusion proof. */
    private String technicalText(EntryDetail d) {
        StringBuilder s = new StringBuilder();
        ReviewRow r = d.row();
        s.append(TEXT.format("Review.detail.entry", r.seq(), AuditLabels.event(r.eventType()),
                AuditLabels.outcome(r.outcome()))).append('\n');
        // The stored codes stay visible for support and for the filters of the audit command line.
        s.append(TEXT.format("Review.detail.code", r.eventType(), r.outcome())).append('\n');
        if (r.customerRef() != null) {
            s.append(TEXT.format("Review.detail.customerRef", r.customerRef())).append('\n');
        }
        s.append(TEXT.format("Review.detail.leaf", d.leafHashHex())).append("\n\n");
        s.append(TEXT.get("Review.detail.json")).append('\n').append(prettyJson(d.detailsJson())).append("\n\n");
        if (d.treeSize() == 0 || d.afterLatestHead()) {
            s.append(TEXT.get("Review.proof.pending"));
        } else {
            s.append(TEXT.format("Review.proof.head", d.treeSize(), d.rootHex(),
                    d.signedAt() == null ? "" : TIME.format(d.signedAt().atZone(zone)))).append('\n');
            s.append(d.proofChecked() ? TEXT.get("Review.proof.ok") : TEXT.get("Review.proof.bad")).append('\n');
            for (int i = 0; i < d.proofHex().size(); i++) {
                s.append(String.format("  %2d  %s%n", i + 1, d.proofHex().get(i)));
            }
        }
        return s.toString();
    }

    /** Every entry of the selected entry's case, oldest first. */
    private void showCase() {
        EntryDetail d = model.detail();
        if (d == null || d.row().caseId() == null) {
            return;
        }
        fromField.setText("");
        toField.setText("");
        caseField.setText(String.valueOf(d.row().caseId()));
        load(model.caseEntries(d.row().caseId()));
    }

    /** The selected entry's case receipt, made again from the case (off the EDT) and shown with Save. */
    private void showReceipt() {
        EntryDetail d = model.detail();
        if (d == null || d.row().caseId() == null) {
            return;
        }
        long caseId = d.row().caseId();
        String caseLabel = d.row().caseLabel();
        executor.execute(BackgroundTask.call(() -> {
            byte[] pdf = review.receiptPdf(caseId);
            return new Object[] {pdf, bank.ushield.teller.widget.ReceiptPreview.render(pdf)};
        }).onSuccess(r -> ReceiptDialog.open(this, caseLabel, (byte[]) r[0], (java.awt.image.BufferedImage) r[1],
                executor)).onFailure(e -> ErrorDialog.show(this, e)));
    }

    private void verify() {
        startLong(TEXT.get(workstations.size() > 1 ? "Review.verify.branch.running" : "Review.verify.running"));
        running = executor.execute(BackgroundTask.of(progress -> review.verifyBranch(done -> progress.report(done, 0, "")))
                .onProgress(p -> verifyProgress.setString(TEXT.format("Review.verify.progress", p.done())))
                .onSuccess(this::showVerification)
                .onFailure(this::longFailed)
                .onFinished(this::endLong));
    }

    /**
     * One log: its result as before. Several: a line saying how many passed, then one line per workstation whose
     * log failed, in red; every workstation's result in the tooltip.
     */
    private void showVerification(List<WorkstationOutcome> outcomes) {
        if (outcomes.size() == 1) {
            VerifyOutcome outcome = outcomes.get(0).outcome();
            verifyResult.setText(verificationText(outcome));
            String unsigned = unsignedNote(outcome);
            verifyUnsigned.setText(unsigned);
            verifyUnsigned.setVisible(!unsigned.isEmpty());
            verifyResult.setToolTipText(outcome instanceof VerifyOutcome.Intact ok ? ok.rootHex() : detail(outcome));
            verifyResult.putClientProperty("FlatLaf.style", outcome instanceof VerifyOutcome.Intact
                    ? "foreground: $Actions.Green; font: bold" : "foreground: $Actions.Red; font: bold");
            return;
        }
        List<WorkstationOutcome> failed = outcomes.stream().filter(o -> !o.intact()).toList();
        long entries = outcomes.stream().map(WorkstationOutcome::outcome)
                .mapToLong(o -> o instanceof VerifyOutcome.Intact ok ? ok.entries() : 0).sum();
        StringBuilder text = new StringBuilder("<html>");
        StringBuilder tip = new StringBuilder("<html>");
        text.append(escape(failed.isEmpty() ? TEXT.format("Review.verify.branch.intact", outcomes.size(), entries)
                : TEXT.format("Review.verify.branch.broken", failed.size(), outcomes.size())));
        for (WorkstationOutcome o : outcomes) {
            String line = escape(TEXT.format("Review.verify.branch.line",
                    new ReviewWorkstation(o.workstation(), o.name(), o.own()).label(), verificationText(o.outcome())));
            tip.append(line).append("<br>");
            if (!o.intact()) {
                text.append("<br>").append(line);
            }
        }
        verifyResult.setText(text.append("</html>").toString());
        verifyResult.setToolTipText(tip.append("</html>").toString());
        verifyResult.putClientProperty("FlatLaf.style", failed.isEmpty()
                ? "foreground: $Actions.Green; font: bold" : "foreground: $Actions.Red; font: bold");
    }

    /** One log's result in words. */
    private String verificationText(VerifyOutcome outcome) {
        if (outcome instanceof VerifyOutcome.Intact ok) {
            return TEXT.format("Review.verify.intact", ok.entries(), ok.treeSize(),
                    ok.rootHex().substring(0, Math.min(16, ok.rootHex().length())));
        }
        if (outcome instanceof VerifyOutcome.Broken bad) {
            // A file-level finding (schema, damage) names no single entry.
            return bad.firstBadSeq() < 0 ? TEXT.format("Review.verify.brokenFile", reason(bad.reason()))
                    : TEXT.format("Review.verify.broken", bad.firstBadSeq(), reason(bad.reason()));
        }
        VerifyOutcome.Contradicted c = (VerifyOutcome.Contradicted) outcome;
        String key = "Review.verify.anchor." + c.finding();
        String at = c.acknowledgedAt() == null ? "" : TIME.format(c.acknowledgedAt().atZone(zone));
        return TEXT.format(TEXT.has(key) ? key : "Review.verify.anchor.other", c.acknowledgedSize(), at, c.logSize());
    }

    /**
     * For an intact log, the entries after the newest signed checkpoint ("" when there are none): consistent, but
     * vouched for by no signature yet, so they could still be rewritten together.
     */
    private static String unsignedNote(VerifyOutcome outcome) {
        if (!(outcome instanceof VerifyOutcome.Intact ok) || ok.signedEntries() >= ok.entries()) {
            return "";
        }
        if (ok.signedEntries() == 0) {
            return TEXT.get("Review.verify.unsigned.all");
        }
        return ok.signedEntries() == ok.entries() - 1 ? TEXT.format("Review.verify.unsigned.one", ok.signedEntries())
                : TEXT.format("Review.verify.unsigned.tail", ok.signedEntries(), ok.entries() - 1);
    }

    private static String detail(VerifyOutcome outcome) {
        return outcome instanceof VerifyOutcome.Broken b ? b.detail()
                : outcome instanceof VerifyOutcome.Contradicted c ? c.detail() : null;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String reason(String code) {
        String key = "Review.verify.reason." + code;
        // A reason newer than this screen still reads as words; the code stays in the tooltip's detail.
        return TEXT.has(key) ? TEXT.get(key) : TEXT.get("Review.verify.reason.other");
    }

    private void exportCsv() {
        Path file = choose(TEXT.get("Review.export.csvName"), false);
        if (file == null) {
            return;
        }
        ReviewFilter query = model.query();
        CsvTexts texts = csvTexts();
        startLong(TEXT.get("Review.export.running"));
        running = executor.execute(BackgroundTask.of(progress -> {
            review.exportCsv(query, file, texts, done -> progress.report(done, 0, ""));
            return file;
        }).onProgress(p -> verifyProgress.setString(TEXT.format("Review.export.progress", p.done())))
                .onSuccess(f -> verifyResult.setText(TEXT.format("Review.export.done", f)))
                .onFailure(this::longFailed)
                .onFinished(this::endLong));
    }

    /** The CSV's headers and labels in the screen's language. */
    static CsvTexts csvTexts() {
        return new CsvTexts() {
            @Override
            public List<String> headers() {
                return java.util.stream.Stream.of("time", "case", "customer", "teller", "role", "event", "outcome",
                        "check", "reason", "authorisedBy").map(k -> TEXT.get("Csv.header." + k)).toList();
            }

            @Override
            public String event(String code) {
                return AuditLabels.event(code);
            }

            @Override
            public String outcome(String code) {
                return AuditLabels.outcome(code);
            }

            @Override
            public String role(String code) {
                return AuditLabels.role(code);
            }

            @Override
            public String check(String code) {
                return AuditLabels.check(code);
            }

            @Override
            public String reason(String code) {
                return AuditLabels.reason(code);
            }

            @Override
            public String workstationHeader() {
                return TEXT.get("Review.column.workstation");
            }
        };
    }

    /** Long work (verify, export): progress shown, the other long actions disabled, Cancel offered. */
    private void startLong(String text) {
        verifyButton.setEnabled(false);
        exportCsvButton.setEnabled(false);
        cancelButton.setVisible(true);
        verifyProgress.setVisible(true);
        verifyProgress.setIndeterminate(true);
        verifyProgress.setString(text);
        verifyResult.setText(text);
        verifyResult.putClientProperty("FlatLaf.style", null);
        verifyUnsigned.setVisible(false);
    }

    private void endLong() {
        running = null;
        verifyButton.setEnabled(true);
        exportCsvButton.setEnabled(true);
        cancelButton.setVisible(false);
        verifyProgress.setVisible(false);
    }

    private void longFailed(Exception e) {
        if (e instanceof java.util.concurrent.CancellationException
                || e.getCause() instanceof java.util.concurrent.CancellationException) {
            verifyResult.setText(TEXT.get("Review.cancelled"));
            return;
        }
        verifyResult.setText(TEXT.get("Review.verify.failed"));
        ErrorDialog.show(this, e);
    }

    private void cancelLong() {
        TaskHandle task = running;
        if (task != null) {
            task.cancel();
        }
    }

    private void exportEvidence() {
        Path folder = choose("evidence", true);
        if (folder == null) {
            return;
        }
        ReviewFilter query = model.query();
        executor.execute(BackgroundTask.call(() -> review.exportEvidence(query, folder, managerLogin))
                .onSuccess(f -> verifyResult.setText(TEXT.format("Review.export.done", f)))
                .onFailure(e -> ErrorDialog.show(this, e)));
    }

    /** Where to export; tests set the "exportTarget" client property to skip the file chooser. */
    private Path choose(String suggested, boolean folder) {
        Object preset = getClientProperty("exportTarget");
        if (preset instanceof Path p) {
            return folder ? p : p.resolve(suggested);
        }
        JFileChooser chooser = new JFileChooser();
        chooser.setFileSelectionMode(folder ? JFileChooser.DIRECTORIES_ONLY : JFileChooser.FILES_ONLY);
        chooser.setSelectedFile(new java.io.File(suggested));
        return chooser.showSaveDialog(this) == JFileChooser.APPROVE_OPTION ? chooser.getSelectedFile().toPath() : null;
    }

    private void updatePager() {
        pageLabel.setText(TEXT.format("Review.page.label", model.pageIndex() + 1, Math.max(1, model.pageCount()),
                model.firstRowNumber(), model.lastRowNumber(), model.total()));
        previous.setEnabled(model.hasPrevious());
        next.setEnabled(model.hasNext());
    }

    static String prettyJson(String json) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
            return m.writerWithDefaultPrettyPrinter().writeValueAsString(m.readTree(json));
        } catch (Exception e) {
            return json;
        }
    }

    private LocalDate date(JTextField f) {
        return f.getText().isBlank() ? null : LocalDate.parse(f.getText().trim());
    }

    private static String text(JTextField f) {
        return f.getText().isBlank() ? null : f.getText().trim();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static JTextField field(String name, int columns) {
        JTextField f = new JTextField(columns);
        f.setName(name);
        return f;
    }

    static JButton button(String name, TellerAction action) {
        JButton b = new JButton(action);
        b.setName(name);
        return b;
    }

    /** The page's rows as a table; column headers click to sort. */
    private final class RowsTableModel extends AbstractTableModel {

        /** The sort each column's header asks for (null: the column does not sort). */
        static final AuditSort.Column[] SORT_COLUMNS = {AuditSort.Column.TIME, AuditSort.Column.CASE, null,
            AuditSort.Column.ACTOR, AuditSort.Column.EVENT, AuditSort.Column.OUTCOME, null, null};
        /** The model index of the workstation column (shown after the time for a branch). */
        static final int WORKSTATION = 7;
        private final String[] keys = {"time", "case", "customer", "actor", "event", "outcome", "why", "workstation"};

        @Override
        public int getRowCount() {
            return model.rows().size();
        }

        @Override
        public int getColumnCount() {
            return keys.length;
        }

        @Override
        public String getColumnName(int column) {
            String name = TEXT.get("Review.column." + keys[column]);
            AuditSort sort = model.sort();
            if (SORT_COLUMNS[column] == sort.column()) {
                return name + (sort.ascending() ? " ▲" : " ▼");
            }
            return name;
        }

        @Override
        public Object getValueAt(int rowIndex, int column) {
            ReviewRow r = model.rows().get(rowIndex);
            return switch (column) {
                case 0 -> TIME.format(r.at().atZone(zone));
                case 1 -> r.caseLabel();
                case 2 -> r.customer() == null ? "" : r.customer();
                case 3 -> AuditLabels.actor(r.actor());
                case 4 -> AuditLabels.event(r.eventType());
                case 5 -> AuditLabels.outcome(r.outcome());
                case WORKSTATION -> r.workstation() == null ? "" : shortName(r.workstation());
                default -> AuditLabels.why(r);
            };
        }

        @Override
        public void fireTableDataChanged() {
            super.fireTableDataChanged();
            // Header texts carry the sort arrow.
            table.getTableHeader().repaint();
            // The view's columns: the workstation column is not there on one counter.
            for (int i = 0; i < table.getColumnCount(); i++) {
                javax.swing.table.TableColumn c = table.getColumnModel().getColumn(i);
                c.setHeaderValue(getColumnName(c.getModelIndex()));
            }
        }
    }

    /**
     * Column widths from the font: the time, case number, customer, staff and outcome columns always show whole
     * (header included), the event and the "check and why" columns share what is left, neither narrower than its
     * header (at 1366x768 in English "Check and why" was cut to "Ch...", issue of session 8).
     */
    private void fitColumns(List<String> eventTypes) {
        java.awt.FontMetrics fm = table.getFontMetrics(table.getFont());
        int pad = 8;
        String longestEvent = "";
        for (String type : eventTypes) {
            String label = AuditLabels.event(type);
            if (fm.stringWidth(label) > fm.stringWidth(longestEvent)) {
                longestEvent = label;
            }
        }
        // The staff column also names the workstation's own actors ("Head-office sync" was cut to "Head-offic...",
        // "培训数据准备" to "培训数据...").
        String staff = "manager01";
        for (String actor : List.of("system", "system:ca-sync", "system:training-data")) {
            String label = AuditLabels.actor(actor);
            staff = fm.stringWidth(label) > fm.stringWidth(staff) ? label : staff;
        }
        String[] samples = {"2026-12-31 23:59:59", "0000-W00-20261231-0000", "\u5f20***", staff,
            longestEvent, AuditLabels.outcome("REFUSED"),
            AuditLabels.check("CARD") + "\uff1a" + AuditLabels.reason("CARD_NOT_CUSTOMERS"), "0102-W03"};
        javax.swing.table.TableColumnModel columns = table.getColumnModel();
        int total = 0;
        for (int i = 0; i < samples.length; i++) {
            int header = headerWidth(i);
            int width = Math.max(fm.stringWidth(samples[i]) + pad, header);
            javax.swing.table.TableColumn c = columns.getColumn(i);
            c.setPreferredWidth(width);
            total += i == RowsTableModel.WORKSTATION ? 0 : width;
            if (i <= 3 || i == 5 || i == RowsTableModel.WORKSTATION) {
                c.setMinWidth(width);
            } else {
                // The event shows the usual labels whole ("Audit checkpoint signed" in English) and the check its
                // header at least; both prefer the same room, so the longest event does not take the check's.
                int floor = i == 4 ? Math.max(header, fm.stringWidth(AuditLabels.event("CHECKPOINT_SIGNED")) + pad)
                        : header;
                int usual = Math.max(floor, Math.min(width, fm.charWidth('n') * 24 + pad));
                c.setMinWidth(floor);
                c.setPreferredWidth(usual);
                total -= width - usual;
            }
        }
        table.setPreferredScrollableViewportSize(new java.awt.Dimension(total, 400));
    }

    /** What the column's header needs, with room for the sort arrow where the column sorts. */
    private int headerWidth(int column) {
        String name = TEXT.get("Review.column." + tableModel.keys[column])
                + (RowsTableModel.SORT_COLUMNS[column] != null ? " \u25bc" : "");
        return table.getTableHeader().getDefaultRenderer()
                .getTableCellRendererComponent(table, name, false, false, -1, column).getPreferredSize().width + 4;
    }

    /** Shows a stored code's label in a filter box; the empty choice reads "all". */
    private static final class CodeRenderer extends javax.swing.DefaultListCellRenderer {
        private final java.util.function.UnaryOperator<String> label;

        CodeRenderer(java.util.function.UnaryOperator<String> label) {
            this.label = label;
        }

        @Override
        public Component getListCellRendererComponent(javax.swing.JList<?> list, Object value, int index,
                                                      boolean selected, boolean focus) {
            String code = (String) value;
            String text = code == null || code.isEmpty() ? TEXT.get("Review.filter.any") : label.apply(code);
            return super.getListCellRendererComponent(list, text, index, selected, focus);
        }
    }

    /** Failures, refusals, authorisations and aborts stand out in the list. */
    private final class AttentionRenderer extends DefaultTableCellRenderer {
        @Override
        public Component getTableCellRendererComponent(JTable t, Object value, boolean isSelected, boolean hasFocus,
                                                       int row, int column) {
            Component c = super.getTableCellRendererComponent(t, value, isSelected, hasFocus, row, column);
            if (row < model.rows().size()) {
                ReviewRow r = model.rows().get(row);
                if (!isSelected) {
                    c.setForeground(r.needsAttention() ? javax.swing.UIManager.getColor("Actions.Red")
                            : t.getForeground());
                }
                int modelColumn = t.convertColumnIndexToModel(column);
                // The codes and the whole customer reference on hover, for support.
                setToolTipText(modelColumn == 6 ? AuditLabels.why(r)
                        : modelColumn == 4 ? String.valueOf(value)
                        : modelColumn == RowsTableModel.WORKSTATION && r.workstation() != null
                        ? workstationName(r.workstation()) : null);
            }
            return c;
        }
    }
}
