package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.time.Clock;

import javax.swing.JFrame;

import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.JOptionPaneFinder;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import bank.ushield.renewal.StockState;
import bank.ushield.renewal.TokenStock;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.manager.StockPanel;
import bank.ushield.teller.task.SwingTaskExecutor;
import bank.ushield.teller.wizard.TrainingFixture;

/**
 * The manager's blank U-shields by keyboard on the training workstation: the count, receiving a token from head
 * office (Alt+E) and moving it into a teller's box with the manager's password (Alt+T); screenshots in both
 * languages (ADR 0077).
 */
class StockPanelGuiTest extends GuiTest {

    @TempDir
    Path dir;

    private void mnemonic(FrameFixture f, int key) {
        f.table("stockTable").focus();
        robot.pressKey(KeyEvent.VK_ALT);
        robot.pressAndReleaseKeys(key);
        robot.releaseKey(KeyEvent.VK_ALT);
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void aManagerReceivesABlankAndMovesItIntoATellersBox(Language language) {
        Texts.setLanguage(language);
        String lang = language.name().toLowerCase(java.util.Locale.ROOT);
        try (TrainingFixture fixture = TrainingFixture.create(dir, Clock.systemUTC())) {
            TokenStock stock = fixture.workstation().tokenStock(fixture.teller("manager01"));
            JFrame frame = GuiActionRunner.execute(() -> {
                JFrame fr = new JFrame("stock");
                fr.setName("stockFrame");
                StockPanel panel = new StockPanel(stock, new SwingTaskExecutor(e -> ErrorDialog.show(null, e)),
                        "manager01");
                fr.add(panel);
                fr.setSize(1200, 600);
                fr.setLocation(0, 0);
                fr.setVisible(true);
                panel.refresh();
                return fr;
            });
            FrameFixture f = new FrameFixture(robot, frame);
            await("six training blanks listed", () -> f.table("stockTable").target().getRowCount() == 6);
            assertThat(f.label("stockCount").target().getText()).contains("3");

            mnemonic(f, KeyEvent.VK_E);
            JOptionPaneFixture receive = JOptionPaneFinder.findOptionPane().withTimeout(30_000).using(robot);
            receive.textBox("stockSerial").enterText("HO2026000001");
            receive.textBox("stockVoucher").enterText("8800000042");
            receive.textBox("stockModel").enterText("U-shield 3");
            receive.textBox("stockNote").enterText("2026/118");
            Screenshots.take(javax.swing.SwingUtilities.getWindowAncestor(receive.target()), "stock-01-receive-" + lang);
            receive.textBox("stockNote").pressAndReleaseKeys(KeyEvent.VK_ENTER);
            await("received", () -> f.table("stockTable").target().getRowCount() == 7);

            int row = GuiActionRunner.execute(() -> {
                for (int r = 0; r < f.table("stockTable").target().getRowCount(); r++) {
                    if ("HO2026000001".equals(f.table("stockTable").target().getValueAt(r, 0))) {
                        return r;
                    }
                }
                return -1;
            });
            f.table("stockTable").selectRows(row);
            mnemonic(f, KeyEvent.VK_T);
            JOptionPaneFixture move = JOptionPaneFinder.findOptionPane().withTimeout(30_000).using(robot);
            move.textBox("stockTeller").enterText("teller02");
            move.textBox("stockManagerPassword").enterText(String.valueOf(TrainingFixture.password()));
            move.textBox("stockManagerPassword").pressAndReleaseKeys(KeyEvent.VK_ENTER);
            await("moved", () -> stock.items(StockState.TELLER_BOX).stream()
                    .anyMatch(i -> i.serial().equals("HO2026000001") && "teller02".equals(i.tellerLogin())));
            await("list shows the box", () -> GuiActionRunner.execute(() -> String.valueOf(
                    f.table("stockTable").target().getValueAt(row, 3)).contains("teller02")));
            Screenshots.take(frame, "stock-02-list-" + lang);
            assertThat(stock.history("HO2026000001").get(1).authorisedBy()).isEqualTo("manager01");
            GuiActionRunner.execute(frame::dispose);
        } finally {
            Texts.setLanguage(Language.CHINESE);
        }
    }
}
