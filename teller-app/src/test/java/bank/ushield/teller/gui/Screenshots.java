package bank.ushield.teller.gui;

import java.awt.Graphics2D;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.assertj.swing.edt.GuiActionRunner;

/** Writes a PNG of a window (painted into a BufferedImage on the EDT) to target/screenshots. */
public final class Screenshots {

    public static final Path DIR = Path.of("target", "screenshots");

    private Screenshots() {
    }

    public static Path take(Window window, String name) {
        java.util.List<String> codes = RawCodes.visible();
        if (!codes.isEmpty()) {
            throw new AssertionError("raw codes shown to a person at screenshot " + name + ": " + codes);
        }
        java.util.List<String> traps = GuiActionRunner.execute(GuiTest::tablesKeepingTab);
        if (!traps.isEmpty()) {
            throw new AssertionError("tables a keyboard user cannot leave with Tab, or with a header cut, at screenshot "
                    + name + ": " + traps);
        }
        BufferedImage image = GuiActionRunner.execute(() -> {
            BufferedImage img = new BufferedImage(Math.max(1, window.getWidth()), Math.max(1, window.getHeight()),
                    BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            try {
                window.paintAll(g);
            } finally {
                g.dispose();
            }
            return img;
        });
        try {
            Files.createDirectories(DIR);
            Path file = DIR.resolve(name + ".png");
            ImageIO.write(image, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
