package bank.ushield.teller.manager;

import java.awt.event.KeyEvent;
import java.util.List;

import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.ListSelectionModel;
import javax.swing.table.DefaultTableModel;

import net.miginfocom.swing.MigLayout;

import bank.ushield.renewal.StockCount;
import bank.ushield.renewal.StockItem;
import bank.ushield.renewal.StockState;
import bank.ushield.renewal.TokenStock;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.error.TellerAction;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.task.BackgroundTask;
import bank.ushield.teller.task.TaskExecutor;

/**
 * The manager's blank U-shields (ADR 0077): the count per state and every token with where it is; receive from head
 * office, move into a teller's box or back (the manager's own password authorises it), return, destroy. Renders and
 * dispatches only: the work runs on the executor, the rules are renewal's {@link TokenStock}.
 */
public final class StockPanel extends JPanel {

    static final Texts TEXT = AuditReviewPanel.TEXT;

    private final TokenStock stock;
    private final TaskExecutor executor;
    private final String managerLogin;
    private final JLabel count = new JLabel(" ");
    private final DefaultTableModel rows = new DefaultTableModel(new Object[] {TEXT.get("Stock.column.serial"),
        TEXT.get("Stock.column.voucher"), TEXT.get("Stock.column.model"), TEXT.get("Stock.column.where"),
        TEXT.get("Stock.column.case")}, 0) {
        @Override
        public boolean isCellEditable(int row, int column) {
            return false;
        }
    };
    private final JTable table = new JTable(rows);

    public StockPanel(TokenStock stock, TaskExecutor executor, String managerLogin) {
        super(new MigLayout("insets 0, fill, wrap 1", "[grow,fill]", "[][grow,fill][]"));
        this.stock = stock;
        this.executor = executor;
        this.managerLogin = managerLogin;
        setName("stockPanel");
        count.setName("stockCount");
        table.setName("stockTable");
        bank.ushield.teller.widget.DialogKeys.tabLeaves(table);
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        add(count);
        add(new JScrollPane(table));
        JPanel buttons = new JPanel(new MigLayout("insets 0"));
        buttons.add(button("stockReceive", "Stock.receive", KeyEvent.VK_E, this::receive));
        buttons.add(button("stockToBox", "Stock.toBox", KeyEvent.VK_T, this::toBox));
        buttons.add(button("stockToStore", "Stock.toStore", KeyEvent.VK_B, this::toStore));
        buttons.add(button("stockReturn", "Stock.return", KeyEvent.VK_H, this::returnToHeadOffice));
        buttons.add(button("stockDestroy", "Stock.destroy", KeyEvent.VK_D, this::destroy));
        add(buttons);
    }

    private JButton button(String name, String key, int mnemonic, Runnable action) {
        JButton b = new JButton(TellerAction.of(TEXT.get(key), e -> action.run()));
        b.setName(name);
        b.setMnemonic(mnemonic);
        return b;
    }

    /** Reloads the count and the list (when the tab is shown, and after every move). */
    public void refresh() {
        executor.execute(BackgroundTask.call(() -> new Loaded(stock.count(), stock.items(null)))
                .onSuccess(this::show)
                .onFailure(e -> ErrorDialog.show(this, e)));
    }

    private record Loaded(StockCount count, List<StockItem> items) {
    }

    private void show(Loaded l) {
        StockCount c = l.count();
        String counts = TEXT.format("SignOff.stock", c.count(StockState.BRANCH_STORE), c.count(StockState.TELLER_BOX),
                c.count(StockState.ISSUED), c.count(StockState.RETURNED), c.count(StockState.DESTROYED));
        count.setText(c.reconciles() ? counts : counts + " " + c.problem().explain(Texts.locale()).problem());
        count.putClientProperty("FlatLaf.style", c.reconciles() ? null : "foreground: $Actions.Red");
        rows.setRowCount(0);
        for (StockItem i : l.items()) {
            String where = i.state() == StockState.TELLER_BOX
                    ? TEXT.format("Stock.where.TELLER_BOX", i.tellerLogin()) : TEXT.get("Stock.where." + i.state().name());
            rows.addRow(new Object[] {i.serial(), i.mediaVoucherNo(), i.model(), where,
                i.caseNo() == null ? "" : i.caseNo()});
        }
    }

    private String selectedSerial() {
        int r = table.getSelectedRow();
        if (r < 0) {
            JOptionPane.showMessageDialog(this, TEXT.get("Stock.selectFirst"));
            return null;
        }
        return (String) rows.getValueAt(table.convertRowIndexToModel(r), 0);
    }

    private boolean ask(String titleKey, Object... fields) {
        return JOptionPane.showConfirmDialog(this, fields, TEXT.get(titleKey), JOptionPane.OK_CANCEL_OPTION,
                JOptionPane.PLAIN_MESSAGE) == JOptionPane.OK_OPTION;
    }

    private static JTextField field(String name) {
        JTextField f = new JTextField(16);
        f.setName(name);
        return f;
    }

    private void run(java.util.concurrent.Callable<StockItem> move) {
        executor.execute(BackgroundTask.call(move::call)
                .onSuccess(item -> refresh())
                .onFailure(e -> {
                    ErrorDialog.show(this, e);
                    refresh();
                }));
    }

    private void receive() {
        JTextField serial = field("stockSerial");
        JTextField voucher = field("stockVoucher");
        JTextField model = field("stockModel");
        JTextField note = field("stockNote");
        if (ask("Stock.receive.title", new JLabel(TEXT.get("Stock.column.serial")), serial,
                new JLabel(TEXT.get("Stock.column.voucher")), voucher, new JLabel(TEXT.get("Stock.column.model")), model,
                new JLabel(TEXT.get("Stock.note")), note)) {
            String s = serial.getText();
            String v = voucher.getText();
            String m = model.getText();
            String n = note.getText();
            run(() -> stock.receive(s, v, m, n));
        }
    }

    private void toBox() {
        String serial = selectedSerial();
        if (serial == null) {
            return;
        }
        JTextField teller = field("stockTeller");
        JPasswordField password = new JPasswordField(16);
        password.setName("stockManagerPassword");
        if (ask("Stock.toBox.title", new JLabel(TEXT.format("Stock.toBox.question", serial)), teller,
                new JLabel(TEXT.format("Stock.password", managerLogin)), password)) {
            String t = teller.getText();
            char[] pw = password.getPassword();
            run(() -> stock.moveToTellerBox(serial, t, managerLogin, pw));
        }
    }

    private void toStore() {
        String serial = selectedSerial();
        if (serial == null) {
            return;
        }
        JPasswordField password = new JPasswordField(16);
        password.setName("stockManagerPassword");
        if (ask("Stock.toStore.title", new JLabel(TEXT.format("Stock.toStore.question", serial)),
                new JLabel(TEXT.format("Stock.password", managerLogin)), password)) {
            char[] pw = password.getPassword();
            run(() -> stock.moveToBranchStore(serial, managerLogin, pw));
        }
    }

    private void returnToHeadOffice() {
        closeOut("Stock.return.title", (serial, reason) -> stock.returnToHeadOffice(serial, reason));
    }

    private void destroy() {
        closeOut("Stock.destroy.title", (serial, reason) -> stock.destroy(serial, reason));
    }

    private void closeOut(String titleKey, java.util.function.BiFunction<String, String, StockItem> move) {
        String serial = selectedSerial();
        if (serial == null) {
            return;
        }
        JTextField reason = field("stockReason");
        if (ask(titleKey, new JLabel(TEXT.format("Stock.reason", serial)), reason)) {
            String r = reason.getText();
            run(() -> move.apply(serial, r));
        }
    }

    /** The first field a manager types in: the table. */
    JComponent firstField() {
        return table;
    }
}
