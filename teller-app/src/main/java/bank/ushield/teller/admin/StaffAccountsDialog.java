package bank.ushield.teller.admin;

import java.awt.Window;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.swing.DefaultListCellRenderer;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.ListSelectionModel;
import javax.swing.table.AbstractTableModel;

import net.miginfocom.swing.MigLayout;

import bank.ushield.renewal.staff.Role;
import bank.ushield.renewal.staff.StaffAccounts;
import bank.ushield.renewal.staff.StaffAdministration;
import bank.ushield.renewal.staff.StaffSession;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.error.TellerAction;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.task.BackgroundTask;
import bank.ushield.teller.task.TaskExecutor;

/**
 * The branch's staff accounts for a manager or IT: create, reset password, unlock, disable or enable, change role.
 * Each change runs off the EDT and is audited with the signed-in login; one's own account cannot be disabled or
 * given another role. Passwords are typed twice, never shown, and wiped after use.
 */
public final class StaffAccountsDialog extends JDialog {

    private static final Texts TEXT = SyncNowDialog.TEXT;
    private static final String LOGIN_PATTERN = "[A-Za-z0-9._-]{2,32}";

    private final StaffAccounts accounts;
    private final StaffSession by;
    private final TaskExecutor executor;
    private final Rows rows = new Rows();
    private final JTable table = new JTable(rows);
    private final JLabel status = new JLabel(" ");
    private final JButton reset;
    private final JButton unlock;
    private final JButton active;
    private final JButton role;
    /** The trainer's trainee accounts (ADR 0091): tellers only, no role to choose or change. */
    private final boolean trainees;

    private StaffAccountsDialog(Window owner, StaffAccounts accounts, StaffSession by, TaskExecutor executor,
                                boolean trainees) {
        super(owner, TEXT.get(trainees ? "Admin.trainees.title" : "Admin.staff.title"), ModalityType.APPLICATION_MODAL);
        this.trainees = trainees;
        this.accounts = accounts;
        this.by = by;
        this.executor = executor;
        setName("staffDialog");
        JPanel content = new JPanel(new MigLayout("insets dialog, wrap 1, fill", "[grow,fill]", "[grow,fill][][]"));
        table.setName("staffTable");
        bank.ushield.teller.widget.DialogKeys.tabLeaves(table);
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.setPreferredScrollableViewportSize(new java.awt.Dimension(640, table.getRowHeight() * 10));
        table.getSelectionModel().addListSelectionListener(e -> enableActions());
        content.add(new JScrollPane(table), "grow");
        status.setName("staffStatus");
        content.add(status);
        JButton create = button("staffCreate", trainees ? "Admin.trainees.create" : "Admin.staff.create", this::create);
        reset = button("staffReset", "Admin.staff.reset", this::resetPassword);
        unlock = button("staffUnlock", "Admin.staff.unlock", this::unlock);
        active = button("staffActive", "Admin.staff.disable", this::toggleActive);
        role = button("staffRole", "Admin.staff.role", this::changeRole);
        JButton close = button("staffClose", "Admin.sync.close", this::dispose);
        content.add(create, "split 6, sg b");
        content.add(reset, "sg b");
        content.add(unlock, "sg b");
        content.add(active, "sg b");
        if (!trainees) {
            content.add(role, "sg b");
        }
        content.add(close, "gapleft push, tag ok");
        getRootPane().getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke("ESCAPE"), "close");
        getRootPane().getActionMap().put("close", close.getAction());
        setContentPane(content);
        enableActions();
        pack();
        setLocationRelativeTo(owner);
        refresh(null);
    }

    /** Opens the dialog for the signed-in manager or IT account; on the EDT. */
    public static void open(Window owner, StaffAccounts accounts, StaffSession by, TaskExecutor executor) {
        new StaffAccountsDialog(owner, accounts, by, executor, false).setVisible(true);
    }

    /** Opens the trainee accounts for the signed-in trainer (tellers of the training branch only); on the EDT. */
    public static void openTrainees(Window owner, StaffAccounts accounts, StaffSession by, TaskExecutor executor) {
        new StaffAccountsDialog(owner, accounts, by, executor, true).setVisible(true);
    }

    private JButton button(String name, String key, Runnable action) {
        JButton b = new JButton(TellerAction.of(TEXT.get(key), e -> action.run()));
        b.setName(name);
        return b;
    }

    private Optional<StaffAccounts.Account> selected() {
        int row = table.getSelectedRow();
        return row < 0 ? Optional.empty() : Optional.of(rows.at(table.convertRowIndexToModel(row)));
    }

    private void enableActions() {
        Optional<StaffAccounts.Account> a = selected();
        boolean own = a.map(x -> x.login().equals(by.login())).orElse(false);
        reset.setEnabled(a.isPresent());
        unlock.setEnabled(a.map(StaffAccounts.Account::locked).orElse(false));
        active.setEnabled(a.isPresent() && !own);
        active.setText(TEXT.get(a.map(StaffAccounts.Account::active).orElse(true)
                ? "Admin.staff.disable" : "Admin.staff.enable"));
        role.setEnabled(a.isPresent() && !own);
    }

    /** Reloads the list off the EDT, then says what was done. */
    private void refresh(String done) {
        executor.execute(BackgroundTask.call(accounts::list).onSuccess(list -> {
            rows.show(list);
            enableActions();
            status.setText(done == null ? " " : done);
        }).onFailure(e -> ErrorDialog.show(this, e)));
    }

    private void run(String what, Runnable change) {
        executor.execute(BackgroundTask.call(() -> {
            change.run();
            return null;
        }).onSuccess(x -> refresh(what)).onFailure(e -> {
            status.setText(e instanceof StaffAdministration.Refused
                    ? TEXT.get("Admin.staff.refused") : " ");
            ErrorDialog.show(this, e);
        }));
    }

    private void create() {
        JTextField login = new JTextField(16);
        login.setName("staffNewLogin");
        JTextField name = new JTextField(16);
        name.setName("staffNewName");
        JComboBox<Role> roleBox = roles();
        JPasswordField pw = new JPasswordField(16);
        pw.setName("staffNewPassword");
        JPasswordField again = new JPasswordField(16);
        again.setName("staffNewPasswordAgain");
        JPanel form = new JPanel(new MigLayout("insets 0, wrap 2", "[right][grow,fill]"));
        form.add(new JLabel(TEXT.get("Admin.staff.login")));
        form.add(login);
        form.add(new JLabel(TEXT.get("Admin.staff.name")));
        form.add(name);
        if (!trainees) {
            form.add(new JLabel(TEXT.get("Admin.staff.roleLabel")));
            form.add(roleBox);
        }
        passwordRows(form, pw, again);
        if (!ask(form, trainees ? "Admin.trainees.create" : "Admin.staff.create")) {
            wipe(pw, again);
            return;
        }
        String l = login.getText().strip();
        String problem = !l.matches(LOGIN_PATTERN) ? TEXT.get("Admin.staff.badLogin")
                : rows.list.stream().anyMatch(a -> a.login().equals(l)) ? TEXT.get("Admin.staff.exists")
                : passwordProblem(pw, again);
        if (problem != null) {
            wipe(pw, again);
            status.setText(problem);
            return;
        }
        char[] secret = pw.getPassword();
        wipe(pw, again);
        Role r = trainees ? Role.TELLER : (Role) roleBox.getSelectedItem();
        String n = name.getText().strip().isEmpty() ? l : name.getText().strip();
        run(TEXT.format("Admin.staff.created", l), () -> accounts.create(by, l, n, r, secret));
    }

    /** The new password, typed twice (both fields are wiped by the caller whatever happens). */
    private static void passwordRows(JPanel form, JPasswordField pw, JPasswordField again) {
        form.add(new JLabel(TEXT.get("Admin.staff.password")));
        form.add(pw);
        form.add(new JLabel(TEXT.get("Admin.staff.passwordAgain")));
        form.add(again);
    }

    private void resetPassword() {
        StaffAccounts.Account a = selected().orElseThrow();
        JPasswordField pw = new JPasswordField(16);
        pw.setName("staffResetPassword");
        JPasswordField again = new JPasswordField(16);
        again.setName("staffResetPasswordAgain");
        JPanel form = new JPanel(new MigLayout("insets 0, wrap 2", "[right][grow,fill]"));
        form.add(new JLabel(TEXT.format("Admin.staff.resetFor", a.login())), "span 2");
        passwordRows(form, pw, again);
        if (!ask(form, "Admin.staff.reset")) {
            wipe(pw, again);
            return;
        }
        String problem = passwordProblem(pw, again);
        if (problem != null) {
            wipe(pw, again);
            status.setText(problem);
            return;
        }
        char[] secret = pw.getPassword();
        wipe(pw, again);
        run(TEXT.format("Admin.staff.resetDone", a.login()), () -> accounts.resetPassword(by, a.login(), secret));
    }

    private void unlock() {
        StaffAccounts.Account a = selected().orElseThrow();
        run(TEXT.format("Admin.staff.unlocked", a.login()), () -> accounts.unlock(by, a.login()));
    }

    private void toggleActive() {
        StaffAccounts.Account a = selected().orElseThrow();
        boolean to = !a.active();
        run(TEXT.format(to ? "Admin.staff.enabled" : "Admin.staff.disabled", a.login()),
                () -> accounts.setActive(by, a.login(), to));
    }

    private void changeRole() {
        StaffAccounts.Account a = selected().orElseThrow();
        JComboBox<Role> roleBox = roles();
        roleBox.setSelectedItem(a.role());
        JPanel form = new JPanel(new MigLayout("insets 0, wrap 2", "[right][grow,fill]"));
        form.add(new JLabel(TEXT.format("Admin.staff.roleFor", a.login())), "span 2");
        form.add(new JLabel(TEXT.get("Admin.staff.roleLabel")));
        form.add(roleBox);
        if (!ask(form, "Admin.staff.role")) {
            return;
        }
        Role r = (Role) roleBox.getSelectedItem();
        if (r == a.role()) {
            return;
        }
        run(TEXT.format("Admin.staff.roleDone", a.login(), roleName(r)), () -> accounts.changeRole(by, a.login(), r));
    }

    private boolean ask(JPanel form, String titleKey) {
        JOptionPane pane = new JOptionPane(form, JOptionPane.PLAIN_MESSAGE, JOptionPane.OK_CANCEL_OPTION);
        JDialog d = pane.createDialog(this, TEXT.get(titleKey));
        d.setName("staffForm");
        d.setVisible(true);
        d.dispose();
        return Integer.valueOf(JOptionPane.OK_OPTION).equals(pane.getValue());
    }

    /** Why the two typed passwords cannot be used, in words, or null. */
    private static String passwordProblem(JPasswordField pw, JPasswordField again) {
        char[] a = pw.getPassword();
        char[] b = again.getPassword();
        try {
            if (a.length < StaffAdministration.MIN_PASSWORD_LENGTH) {
                return TEXT.format("Admin.staff.shortPassword", StaffAdministration.MIN_PASSWORD_LENGTH);
            }
            return Arrays.equals(a, b) ? null : TEXT.get("Admin.staff.passwordsDiffer");
        } finally {
            Arrays.fill(a, '\0');
            Arrays.fill(b, '\0');
        }
    }

    private static void wipe(JPasswordField... fields) {
        for (JPasswordField f : fields) {
            f.setText("");
        }
    }

    private static JComboBox<Role> roles() {
        JComboBox<Role> box = new JComboBox<>(Role.values());
        box.setName("staffRoleChoice");
        box.setRenderer(new DefaultListCellRenderer() {
            @Override
            public java.awt.Component getListCellRendererComponent(JList<?> list, Object value, int index,
                                                                   boolean selected, boolean focus) {
                return super.getListCellRendererComponent(list, roleName((Role) value), index, selected, focus);
            }
        });
        return box;
    }

    static String roleName(Role r) {
        return r == null ? "" : TEXT.get("Admin.role." + r.name().toLowerCase(Locale.ROOT));
    }

    /** The accounts as table rows: login, name, role, state. */
    private static final class Rows extends AbstractTableModel {
        private List<StaffAccounts.Account> list = List.of();

        void show(List<StaffAccounts.Account> accounts) {
            list = List.copyOf(accounts);
            fireTableDataChanged();
        }

        StaffAccounts.Account at(int row) {
            return list.get(row);
        }

        @Override
        public int getRowCount() {
            return list.size();
        }

        @Override
        public int getColumnCount() {
            return 4;
        }

        @Override
        public String getColumnName(int column) {
            return TEXT.get(switch (column) {
                case 0 -> "Admin.staff.column.login";
                case 1 -> "Admin.staff.column.name";
                case 2 -> "Admin.staff.column.role";
                default -> "Admin.staff.column.state";
            });
        }

        @Override
        public Object getValueAt(int row, int column) {
            StaffAccounts.Account a = list.get(row);
            return switch (column) {
                case 0 -> a.login();
                case 1 -> a.displayName();
                case 2 -> roleName(a.role());
                default -> TEXT.get(!a.active() ? "Admin.staff.state.disabled"
                        : a.locked() ? "Admin.staff.state.locked" : "Admin.staff.state.active");
            };
        }
    }
}
