package bank.ushield.renewal.receipt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The one CJK font lookup for every PDF (receipts, evidence summaries): an ordered list of candidate files and the
 * TrueType face of the chosen one, kept open until the PDF is saved.
 */
public final class CjkFont implements AutoCloseable {

    /**
     * TrueType-outline CJK fonts in order of preference (Debian fonts-wqy-microhei, fonts-wqy-zenhei,
     * fonts-droid-fallback, fonts-arphic-uming); PDFBox cannot embed the CFF outlines of Noto CJK.
     */
    public static final List<Path> CANDIDATES = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
            Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
            Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"));

    private final TrueTypeCollection collection;
    private final TrueTypeFont face;

    private CjkFont(TrueTypeCollection collection, TrueTypeFont face) {
        this.collection = collection;
        this.face = face;
    }

    /** The first readable file of {@code candidates}, in their order. */
    public static Optional<Path> firstReadable(List<Path> candidates) {
        return candidates.stream().filter(Files::isReadable).findFirst();
    }

    /** Opens a .ttf, or the first face of a .ttc. */
    public static CjkFont open(Path file) throws IOException {
        if (file.toString().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
            TrueTypeCollection ttc = new TrueTypeCollection(file.toFile());
            TrueTypeFont[] first = new TrueTypeFont[1];
            ttc.processAllFonts(f -> {
                if (first[0] == null) {
                    first[0] = f;
                }
            });
            if (first[0] == null) {
                ttc.close();
                throw new IOException("no font in " + file);
            }
            return new CjkFont(ttc, first[0]);
        }
        return new CjkFont(null, new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile())));
    }

    /** The face embedded (as a subset) in {@code doc}. */
    public PDType0Font embedIn(PDDocument doc) throws IOException {
        return PDType0Font.load(doc, face, true);
    }

    @Override
    public void close() throws IOException {
        if (collection != null) {
            collection.close();
        } else {
            face.close();
        }
    }
}
