package bank.ushield.teller.wizard;

import java.awt.event.KeyEvent;

import javax.swing.DefaultListModel;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JScrollPane;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.ListSelectionModel;

import bank.ushield.renewal.CustomerSummary;
import bank.ushield.teller.error.TellerAction;

/**
 * Step 1: find the customer by customer number, identity document number or name (F5 reads the ID card), pick
 * from the masked list when a name fits several, and open the case.
 */
final class CustomerStep extends StepPanel {

    private final JTextField query = new JTextField(24);
    private final JLabel found = value("customerFound");
    private final JLabel note = value("customerNote");
    private final DefaultListModel<CustomerSummary> matches = new DefaultListModel<>();
    private final JList<CustomerSummary> matchList = new JList<>(matches);
    private final JScrollPane matchScroll = new JScrollPane(matchList);

    CustomerStep(RenewalWizardModel model) {
        super(model, "stepCustomer", "Wizard.customer.title");
        query.setName("customerQuery");
        add(label("Wizard.customer.query", query));
        add(query, "growx 0, w 320!");
        JLabel hint = new JLabel(TEXT.get("Wizard.customer.hint"));
        hint.putClientProperty("FlatLaf.styleClass", "fkeyHint");
        add(hint, "skip");
        add(note, "skip");
        matchList.setName("customerMatches");
        matchList.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        matchList.setVisibleRowCount(6);
        matchList.setCellRenderer((list, c, index, selected, focus) -> {
            JLabel row = new JLabel(c == null ? "" : TEXT.format("Wizard.customer.match", c.maskedName(),
                    c.customerNo(), c.primaryDocType() == null ? "" : TEXT.get("Wizard.docType." + c.primaryDocType()),
                    maskedDocument(c)));
            row.setOpaque(true);
            row.setBackground(selected ? list.getSelectionBackground() : list.getBackground());
            row.setForeground(selected ? list.getSelectionForeground() : list.getForeground());
            row.setBorder(javax.swing.BorderFactory.createEmptyBorder(3, 6, 3, 6));
            return row;
        });
        // Enter on a listed customer opens the case for that one.
        matchList.getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0), "pick");
        matchList.getActionMap().put("pick", TellerAction.of("pick", e -> pick()));
        JLabel pickHint = new JLabel(TEXT.get("Wizard.customer.pick"));
        pickHint.putClientProperty("FlatLaf.styleClass", "fkeyHint");
        matchScroll.setName("customerMatchScroll");
        add(matchScroll, "skip, growx 0, w 520!, hidemode 3");
        add(pickHint, "skip, hidemode 3");
        matchScroll.setVisible(false);
        pickHint.setVisible(false);
        matchScroll.addComponentListener(new java.awt.event.ComponentAdapter() {
            @Override
            public void componentShown(java.awt.event.ComponentEvent e) {
                pickHint.setVisible(true);
            }

            @Override
            public void componentHidden(java.awt.event.ComponentEvent e) {
                pickHint.setVisible(false);
            }
        });
        add(found, "span 2, gaptop para");
    }

    /** The document number as screens show it: the first 4 and last 4 characters. */
    static String maskedDocument(CustomerSummary c) {
        String n = c.primaryDocNumber();
        if (n == null) {
            return "";
        }
        return n.length() <= 8 ? "*".repeat(n.length()) : n.substring(0, 4) + "*".repeat(n.length() - 8)
                + n.substring(n.length() - 4);
    }

    @Override
    void proceed() {
        if (model.renewalCase() != null) {
            return;
        }
        if (matchList.isFocusOwner() && matchList.getSelectedValue() != null) {
            pick();
        } else if (!query.getText().isBlank()) {
            note(note, " ", false);
            model.findCustomer(query.getText());
        }
    }

    private void pick() {
        CustomerSummary c = matchList.getSelectedValue();
        if (c != null && model.renewalCase() == null && !model.busy()) {
            model.openCase(c.customerNo());
        }
    }

    @Override
    boolean readDevice() {
        if (model.renewalCase() != null || !model.readers().idReaderAvailable()) {
            return false;
        }
        note(note, TEXT.get("Wizard.id.reading"), false);
        // The training reader hands out the card of the customer number typed; a real reader ignores it.
        String typed = query.getText().strip();
        model.readIdCardToFind(typed.isEmpty() ? null : typed, r -> {
            query.setText(r.document().number());
            note(note, TEXT.get("Wizard.customer.readDone"), false);
        }, e -> note(note, IdDocumentStep.readProblem(e), true));
        return true;
    }

    @Override
    void refresh() {
        query.setEnabled(model.renewalCase() == null);
        if (!model.matches().equals(java.util.Collections.list(matches.elements()))) {
            matches.clear();
            model.matches().forEach(matches::addElement);
            if (!matches.isEmpty()) {
                matchList.setSelectedIndex(0);
            }
            matchScroll.setVisible(!matches.isEmpty());
            revalidate();
        }
        if (model.customer() != null) {
            found.setText(TEXT.format("Wizard.customer.found", model.customer().maskedName(),
                    model.customer().customerNo()));
        }
    }

    @Override
    JComponent firstField() {
        // Several customers found: the list to pick from; otherwise the search field.
        return matches.isEmpty() ? query : matchList;
    }
}
