package bank.ushield.teller.wizard;

import java.util.List;

import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;

import net.miginfocom.swing.MigLayout;

/** The lines of a multi-part step, each with its own progress bar. */
final class ActivityList extends JPanel {

    ActivityList(String name) {
        super(new MigLayout("insets 0, wrap 2, fillx", "[260!][grow,fill]"));
        setName(name);
        setOpaque(false);
    }

    void show(List<Activity> activities) {
        removeAll();
        int i = 0;
        for (Activity a : activities) {
            JLabel text = new JLabel(StepPanel.TEXT.get(a.key()));
            JProgressBar bar = new JProgressBar(0, 100);
            bar.setName(getName() + "Bar" + i);
            bar.setStringPainted(true);
            switch (a.status()) {
                case PENDING -> bar.setString(StepPanel.TEXT.get("Wizard.activity.pending"));
                case RUNNING -> {
                    bar.setIndeterminate(true);
                    bar.setString(StepPanel.TEXT.get("Wizard.activity.running"));
                }
                case DONE -> {
                    bar.setValue(100);
                    bar.setString(StepPanel.TEXT.get("Wizard.activity.done"));
                    text.putClientProperty("FlatLaf.styleClass", "stepDone");
                }
                case FAILED -> {
                    bar.setString(StepPanel.TEXT.get("Wizard.activity.failed"));
                    text.putClientProperty("FlatLaf.styleClass", "outcomeFail");
                }
            }
            add(text);
            add(bar);
            i++;
        }
        revalidate();
        repaint();
    }
}
