package bank.ushield.teller.gui;

import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.Frame;
import java.awt.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.swing.AbstractButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPasswordField;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.border.TitledBorder;
import javax.swing.text.JTextComponent;

import org.assertj.swing.edt.GuiActionRunner;

/**
 * Finds raw codes (an upper-case identifier with an underscore, e.g. DOCUMENT_EXPIRED) in the text a person sees in
 * the showing windows: labels, buttons, titles, fields, list, combo and table cells as rendered; and English words in
 * a Chinese text's full-width brackets. Environment variable names (USHIELD_*) are words IT support types and are
 * allowed.
 */
public final class RawCodes {

    static final Pattern RAW_CODE = Pattern.compile("\\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\\b");
    /**
     * English words in Chinese (full-width) brackets, e.g. "（ushield training）": only the Chinese texts use those
     * brackets, so what is inside was meant to read Chinese. Names with digits or hyphens (ePass3003, U-Key A5) and
     * single words (a maker's name) do not match.
     */
    static final Pattern ENGLISH_GLOSS = Pattern.compile("（\\s*[A-Za-z]+(?: [A-Za-z]+)+\\s*）");
    /** The workstation's environment variables: named so IT support can set them (production start errors). */
    private static final Pattern ENVIRONMENT = Pattern.compile("USHIELD_[A-Z0-9_]+");
    /**
     * Components whose text is not searched: the error dialog's Details (where the raw code belongs) and the audit
     * review's technical view for an inspector (stored codes, canonical JSON, hashes and proof by design, one click
     * behind the labelled form: ADR 0062).
     */
    private static final java.util.Set<String> NOT_SEARCHED = java.util.Set.of("errorDetailsText", "entryTechnical");
    /** Labels showing what a real token reports about itself: searched for raw codes, not for English. */
    private static final java.util.Set<String> DEVICE_REPORTED = java.util.Set.of("tokenModel");

    private RawCodes() {
    }

    /** What the combo box shows for its selection: its renderer's text, not the model value behind it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String shown(JComboBox<?> combo) {
        java.awt.Component c = ((javax.swing.ListCellRenderer) combo.getRenderer())
                .getListCellRendererComponent(new JList<>(), combo.getSelectedItem(), -1, false, false);
        return c instanceof JLabel label ? label.getText() : String.valueOf(combo.getSelectedItem());
    }

    /** "where: text" for every showing text with a raw code in it; read on the EDT. */
    public static List<String> visible() {
        return GuiActionRunner.execute(() -> {
            List<String> found = new ArrayList<>();
            for (Window w : Window.getWindows()) {
                if (w.isShowing()) {
                    String title = w instanceof Frame f ? f.getTitle() : w instanceof Dialog d ? d.getTitle() : null;
                    check(found, "title of " + w.getName(), title);
                    scan(w, found);
                }
            }
            return found;
        });
    }

    private static void scan(Container c, List<String> found) {
        for (Component child : c.getComponents()) {
            if (!child.isShowing() || child.getName() != null && NOT_SEARCHED.contains(child.getName())) {
                continue;
            }
            String where = child.getClass().getSimpleName() + " " + child.getName();
            if (child instanceof JLabel l && child.getName() != null && DEVICE_REPORTED.contains(child.getName())) {
                // The token's model and maker as the token reports them ("SoftHSM v2（SoftHSM project）"): data, in
                // whatever language the maker wrote it; still no raw code.
                codes(found, where, l.getText());
            } else if (child instanceof JLabel l) {
                check(found, where, l.getText());
            } else if (child instanceof AbstractButton b) {
                check(found, where, b.getText());
            } else if (child instanceof JTextComponent t && !(child instanceof JPasswordField)) {
                check(found, where, t.getText());
            } else if (child instanceof JList<?> list) {
                cells(found, where, list);
            } else if (child instanceof JComboBox<?> combo && combo.getSelectedItem() != null) {
                check(found, where, shown(combo));
            } else if (child instanceof JTable table) {
                for (int r = 0; r < Math.min(table.getRowCount(), 200); r++) {
                    for (int col = 0; col < table.getColumnCount(); col++) {
                        Component cell = table.prepareRenderer(table.getCellRenderer(r, col), r, col);
                        if (cell instanceof JLabel l) {
                            check(found, where + " cell " + r + "," + col, l.getText());
                        }
                    }
                }
            } else if (child instanceof JTabbedPane tabs) {
                for (int i = 0; i < tabs.getTabCount(); i++) {
                    check(found, where + " tab", tabs.getTitleAt(i));
                }
            }
            if (child instanceof JComponent j && j.getBorder() instanceof TitledBorder b) {
                check(found, where + " border", b.getTitle());
            }
            if (child instanceof Container inner) {
                scan(inner, found);
            }
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void cells(List<String> found, String where, JList list) {
        for (int i = 0; i < Math.min(list.getModel().getSize(), 200); i++) {
            Component cell = list.getCellRenderer().getListCellRendererComponent(list, list.getModel().getElementAt(i),
                    i, false, false);
            if (cell instanceof JLabel l) {
                check(found, where + " row " + i, l.getText());
            }
        }
    }

    static void check(List<String> found, String where, String text) {
        if (text == null) {
            return;
        }
        // HTML markup is no text a person reads (tags and entities are lower case anyway).
        String plain = text.replaceAll("<[^>]*>", " ");
        Matcher gloss = ENGLISH_GLOSS.matcher(plain);
        if (gloss.find()) {
            found.add(where + ": English " + gloss.group() + " in Chinese brackets, in \"" + text + "\"");
            return;
        }
        codes(found, where, text);
    }

    private static void codes(List<String> found, String where, String text) {
        if (text == null) {
            return;
        }
        String plain = text.replaceAll("<[^>]*>", " ");
        Matcher m = RAW_CODE.matcher(plain);
        while (m.find()) {
            if (!ENVIRONMENT.matcher(m.group()).matches()) {
                found.add(where + ": " + m.group() + " in \"" + text + "\"");
                return;
            }
        }
    }
}
