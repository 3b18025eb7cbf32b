package bank.ushield.teller.wizard;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageIO;
import javax.swing.ImageIcon;
import javax.swing.JLabel;

/**
 * The ID card photo as the reader gave it: shown when it is an image the JDK decodes; a GA/T 467 reader's WLT
 * block needs the vendor's licensed decoder, so it gets a plain "photo not decodable" note instead of a picture.
 */
final class IdPhoto {

    private IdPhoto() {
    }

    /** The decoded photo, or null when the bytes are no image the JDK reads (WLT, damaged). */
    static BufferedImage decode(byte[] photo) {
        if (photo == null || photo.length == 0) {
            return null;
        }
        try {
            return ImageIO.read(new ByteArrayInputStream(photo));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static void show(JLabel label, byte[] photo) {
        if (photo == null || photo.length == 0) {
            label.setIcon(null);
            label.setText(" ");
            label.setVisible(false);
            return;
        }
        BufferedImage image = decode(photo);
        label.setIcon(image == null ? null : new ImageIcon(image));
        label.setText(image == null ? StepPanel.TEXT.get("Wizard.id.photoUndecodable") : " ");
        label.setVisible(true);
    }
}
