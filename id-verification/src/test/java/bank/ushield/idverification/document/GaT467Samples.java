package bank.ushield.idverification.document;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds GA/T 467 text blocks the way a reader's SAM lays them out (UCS-2LE, space padded). */
final class GaT467Samples {

    private final byte[] text = new byte[GaT467TextBlock.TEXT_LENGTH];

    GaT467Samples() {
        byte[] space = " ".getBytes(StandardCharsets.UTF_16LE);
        for (int i = 0; i < text.length; i += 2) {
            text[i] = space[0];
            text[i + 1] = space[1];
        }
    }

    static GaT467Samples zhangSan() {
        return new GaT467Samples()
                .put(0, 30, "张三")
                .put(30, 32, "2")
                .put(32, 36, "01")
                .put(36, 52, "19491231")
                .put(52, 122, "北京市朝阳区建国路1号")
                .put(122, 158, "11010519491231002X")
                .put(158, 188, "北京市公安局朝阳分局")
                .put(188, 204, "20100101")
                .put(204, 220, "长期");
    }

    GaT467Samples put(int from, int to, String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_16LE);
        if (b.length > to - from) {
            throw new IllegalArgumentException("field too long: " + value);
        }
        System.arraycopy(b, 0, text, from, b.length);
        byte[] space = " ".getBytes(StandardCharsets.UTF_16LE);
        for (int i = from + b.length; i < to; i += 2) {
            text[i] = space[0];
            text[i + 1] = space[1];
        }
        return this;
    }

    byte[] text() {
        return Arrays.copyOf(text, text.length);
    }

    static byte[] photo() {
        byte[] p = new byte[GaT467TextBlock.PHOTO_LENGTH];
        p[0] = 'W';
        p[1] = 'L';
        return p;
    }
}
