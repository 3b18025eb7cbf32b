package bank.ushield.teller.error;

import java.awt.Component;
import java.awt.Window;

import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;

import net.miginfocom.swing.MigLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.renewal.Problem;
import bank.ushield.renewal.ProblemExplainer;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.widget.DialogKeys;

/**
 * The one error dialog (as KeyStore Explorer's DError): the problem, likely causes, the next step, what to tell
 * the customer, and a Details button that shows the technical text.
 */
public final class ErrorDialog extends JDialog {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorDialog.class);
    private static final Texts TEXT = Texts.of(ErrorDialog.class, "ErrorDialog");
    private static final int TEXT_WIDTH = 400;
    private static final ProblemExplainer DEFAULT_EXPLAINER = ErrorTexts.explainer();
    private static volatile ProblemExplainer explainer = DEFAULT_EXPLAINER;

    private ErrorDialog(Window owner, Problem.Explanation problem) {
        super(owner, TEXT.get("ErrorDialog.title"), ModalityType.APPLICATION_MODAL);
        setName("errorDialog");
        // The HTML texts wrap at a fixed CSS width (Swing renders CSS px larger than screen px): the dialog is
        // sized from them, so the OK button is never cut off.
        JPanel content = new JPanel(new MigLayout("insets dialog, wrap 1", "[grow,fill]"));

        JLabel title = new JLabel(html(problem.problem()), UIManager.getIcon("OptionPane.errorIcon"), JLabel.LEADING);
        title.setName("errorTitle");
        title.putClientProperty("FlatLaf.styleClass", "h3");
        content.add(title, "gapbottom para");

        if (!problem.causes().isEmpty()) {
            content.add(heading(TEXT.get("ErrorDialog.causes")));
            StringBuilder list = new StringBuilder("<div style='width:" + TEXT_WIDTH + "px'><ul style='margin-left:14px'>");
            problem.causes().forEach(c -> list.append("<li>").append(escape(c)).append("</li>"));
            JLabel causes = new JLabel("<html>" + list + "</ul></div></html>");
            causes.setName("errorCauses");
            content.add(causes, "gapbottom para");
        }
        content.add(heading(TEXT.get("ErrorDialog.next")));
        JLabel next = new JLabel(html(problem.nextStep()));
        next.setName("errorNext");
        content.add(next, "gapbottom para");
        if (!problem.tellCustomer().isEmpty()) {
            content.add(heading(TEXT.get("ErrorDialog.customer")));
            JLabel customer = new JLabel(html(problem.tellCustomer()));
            customer.setName("errorCustomer");
            customer.putClientProperty("FlatLaf.styleClass", "customerSays");
            content.add(customer, "gapbottom para");
        }

        JTextArea details = new JTextArea(problem.details(), 12, 60);
        details.setName("errorDetailsText");
        details.setEditable(false);
        details.putClientProperty("FlatLaf.styleClass", "monospaced");
        JScrollPane detailsScroll = new JScrollPane(details);
        detailsScroll.setVisible(false);
        content.add(detailsScroll, "hidemode 3, grow");

        JButton detailsButton = new JButton(TEXT.get("ErrorDialog.details"));
        detailsButton.setName("errorDetails");
        detailsButton.addActionListener(e -> {
            detailsScroll.setVisible(!detailsScroll.isVisible());
            packOnScreen();
        });
        JButton ok = new JButton(TEXT.get("ErrorDialog.ok"));
        ok.setName("errorOk");
        ok.addActionListener(e -> dispose());
        content.add(detailsButton, "split 2, tag help2, growx 0");
        content.add(ok, "tag ok, growx 0");
        getRootPane().setDefaultButton(ok);
        DialogKeys.onEscape(this, this::dispose);
        // Enter = OK from the start: the focus would otherwise rest on Details, the first button.
        addWindowListener(new java.awt.event.WindowAdapter() {
            @Override
            public void windowOpened(java.awt.event.WindowEvent e) {
                ok.requestFocusInWindow();
            }
        });
        setContentPane(content);
        pack();
        setLocationRelativeTo(owner);
    }

    /**
     * Packs and keeps the whole dialog on the screen: opening Details makes it taller, and a long technical text
     * must not push the OK button below the screen's edge.
     */
    private void packOnScreen() {
        pack();
        java.awt.Rectangle screen = java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
        int width = Math.min(getWidth(), screen.width);
        int height = Math.min(getHeight(), screen.height);
        setSize(width, height);
        setLocation(Math.max(screen.x, Math.min(getX(), screen.x + screen.width - width)),
                Math.max(screen.y, Math.min(getY(), screen.y + screen.height - height)));
    }

    /** Lets the wiring add domain exception mappings once at start. */
    public static void useExplainer(ProblemExplainer e) {
        explainer = e;
    }

    public static ProblemExplainer explainer() {
        return explainer;
    }

    /** Explains and shows an error; logs it once here, at the boundary. Call on the EDT. */
    public static void show(Component parent, Throwable error) {
        LOG.warn("Shown to the user: {}", error.toString(), error);
        show(parent, explainer.explain(error));
    }

    public static void show(Component parent, Problem.Explanation problem) {
        Window owner = parent == null ? null
                : parent instanceof Window w ? w : SwingUtilities.getWindowAncestor(parent);
        new ErrorDialog(owner, problem).setVisible(true);
    }

    private static JLabel heading(String text) {
        JLabel label = new JLabel(text);
        label.putClientProperty("FlatLaf.styleClass", "h4");
        return label;
    }

    static String html(String text) {
        return "<html><div style='width:" + TEXT_WIDTH + "px'>" + escape(text) + "</div></html>";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>");
    }
}
