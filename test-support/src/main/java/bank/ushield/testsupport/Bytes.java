package bank.ushield.testsupport;

/** Finding bytes in a file's content, for tests that flip one byte of a signed file or a database page. */
public final class Bytes {

    private Bytes() {
    }

    /** Where {@code needle} first occurs in {@code haystack}; fails the test when it does not. */
    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("bytes not found: " + new String(needle, java.nio.charset.StandardCharsets.UTF_8));
    }
}
