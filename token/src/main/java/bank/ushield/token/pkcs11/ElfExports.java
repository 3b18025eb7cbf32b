package bank.ushield.token.pkcs11;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the dynamic symbol table of an ELF shared library to tell whether it exports a function, without loading
 * it. Needed because the PKCS#11 wrapper's native loader crashes the JVM (SIGSEGV) when a real shared library
 * without C_GetFunctionList is given to it; dlopen itself refuses non-ELF files cleanly.
 */
final class ElfExports {

    /** What the file says about the symbol. */
    enum Answer { EXPORTED, NOT_EXPORTED, NOT_ELF, UNKNOWN }

    private static final int SHT_DYNSYM = 11;

    private ElfExports() {
    }

    static Answer exports(Path library, String symbol) {
        try (FileChannel ch = FileChannel.open(library, StandardOpenOption.READ)) {
            if (ch.size() < 64) {
                return Answer.NOT_ELF;
            }
            ByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            if (b.get(0) != 0x7f || b.get(1) != 'E' || b.get(2) != 'L' || b.get(3) != 'F') {
                return Answer.NOT_ELF;
            }
            boolean is64 = b.get(4) == 2;
            b.order(b.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            long shoff = is64 ? b.getLong(0x28) : Integer.toUnsignedLong(b.getInt(0x20));
            int shentsize = Short.toUnsignedInt(b.getShort(is64 ? 0x3A : 0x2E));
            int shnum = Short.toUnsignedInt(b.getShort(is64 ? 0x3C : 0x30));
            if (shoff == 0 || shnum == 0) {
                return Answer.UNKNOWN;   // section headers stripped: let the loader decide
            }
            byte[] wanted = symbol.getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < shnum; i++) {
                int sh = Math.toIntExact(shoff + (long) i * shentsize);
                if (b.getInt(sh + 4) != SHT_DYNSYM) {
                    continue;
                }
                long symOff = is64 ? b.getLong(sh + 0x18) : Integer.toUnsignedLong(b.getInt(sh + 0x10));
                long symSize = is64 ? b.getLong(sh + 0x20) : Integer.toUnsignedLong(b.getInt(sh + 0x14));
                int link = b.getInt(sh + (is64 ? 0x28 : 0x18));
                long entSize = is64 ? b.getLong(sh + 0x38) : Integer.toUnsignedLong(b.getInt(sh + 0x24));
                int str = Math.toIntExact(shoff + (long) link * shentsize);
                long strOff = is64 ? b.getLong(str + 0x18) : Integer.toUnsignedLong(b.getInt(str + 0x10));
                if (entSize == 0) {
                    return Answer.UNKNOWN;
                }
                for (long s = symOff; s + entSize <= symOff + symSize; s += entSize) {
                    int sym = Math.toIntExact(s);
                    int nameOff = b.getInt(sym);
                    int shndx = Short.toUnsignedInt(b.getShort(sym + (is64 ? 6 : 14)));
                    int binding = Byte.toUnsignedInt(b.get(sym + (is64 ? 4 : 12))) >> 4;
                    if (shndx != 0 && (binding == 1 || binding == 2) && nameIs(b, Math.toIntExact(strOff + nameOff), wanted)) {
                        return Answer.EXPORTED;
                    }
                }
                return Answer.NOT_EXPORTED;
            }
            return Answer.NOT_EXPORTED;
        } catch (IOException | RuntimeException e) {
            // Unreadable or malformed: the loader will give its own precise error.
            return Answer.UNKNOWN;
        }
    }

    private static boolean nameIs(ByteBuffer b, int at, byte[] wanted) {
        if (at < 0 || at + wanted.length >= b.limit()) {
            return false;
        }
        for (int i = 0; i < wanted.length; i++) {
            if (b.get(at + i) != wanted[i]) {
                return false;
            }
        }
        return b.get(at + wanted.length) == 0;
    }
}
