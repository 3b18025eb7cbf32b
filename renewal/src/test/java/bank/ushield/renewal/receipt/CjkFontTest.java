package bank.ushield.renewal.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CjkFontTest {

    @Test
    void theCandidatesAreTheUnionOfTheReceiptAndEvidenceListsInOneOrder() {
        assertThat(CjkFont.CANDIDATES).containsExactly(
                Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
                Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
                Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
                Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"));
    }

    @Test
    void theFirstReadableCandidateIsChosen(@TempDir Path dir) throws IOException {
        Path second = Files.writeString(dir.resolve("second.ttf"), "x");
        Path third = Files.writeString(dir.resolve("third.ttc"), "x");
        assertThat(CjkFont.firstReadable(List.of(dir.resolve("missing.ttc"), second, third))).contains(second);
        assertThat(CjkFont.firstReadable(List.of(dir.resolve("missing.ttc")))).isEmpty();
    }

    @Test
    void anInstalledCandidateEmbedsIntoAPdf() throws IOException {
        Path file = CjkFont.firstReadable(CjkFont.CANDIDATES).orElseThrow(
                () -> new AssertionError("no CJK font installed (fonts-wqy-microhei)"));
        try (PDDocument doc = new PDDocument(); CjkFont font = CjkFont.open(file)) {
            assertThat(font.embedIn(doc).getStringWidth("网上银行")).isPositive();
        }
    }

    @Test
    void aFileThatIsNoFontIsRefused(@TempDir Path dir) throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.ttc"), "not a font");
        assertThatThrownBy(() -> CjkFont.open(junk)).isInstanceOf(IOException.class);
    }
}
