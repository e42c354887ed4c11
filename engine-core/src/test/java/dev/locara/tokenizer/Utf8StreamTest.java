package dev.locara.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Utf8StreamTest {
    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void asciiPassesStraightThrough() {
        Utf8Stream stream = new Utf8Stream();
        assertEquals("Hello", stream.push(utf8("Hello")));
        assertEquals(" ", stream.push(utf8(" ")));
        assertEquals("", stream.push(new byte[0]));
        assertEquals("w", stream.push(utf8("w")));
        assertEquals("", stream.flush());
    }

    @Test
    void twoByteCharacterIsHeldUntilComplete() {
        Utf8Stream stream = new Utf8Stream();
        assertEquals("caf", stream.push(bytes('c', 'a', 'f', 0xC3)));
        assertEquals("\u00e9!", stream.push(bytes(0xA9, '!')));
        assertEquals("", stream.flush());
    }

    @Test
    void threeByteCharacterIsHeldUntilComplete() {
        Utf8Stream stream = new Utf8Stream();
        assertEquals("", stream.push(bytes(0xE2)));
        assertEquals("", stream.push(bytes(0x82)));
        assertEquals("\u20ac", stream.push(bytes(0xAC)));
        assertEquals("x", stream.push(bytes('x', 0xE2, 0x82)));
        assertEquals("\u20ac", stream.push(bytes(0xAC)));
    }

    @Test
    void fourByteCharacterIsHeldUntilComplete() {
        Utf8Stream stream = new Utf8Stream();
        byte[] llama = utf8("\uD83E\uDD99");
        assertEquals(4, llama.length);
        for (int i = 0; i < 3; i++) {
            assertEquals("", stream.push(new byte[] {llama[i]}), "after byte " + i);
        }
        assertEquals("\uD83E\uDD99", stream.push(new byte[] {llama[3]}));
        // Split 2 + 2, and 1 + 3 after some text.
        assertEquals("", stream.push(Arrays.copyOfRange(llama, 0, 2)));
        assertEquals("\uD83E\uDD99", stream.push(Arrays.copyOfRange(llama, 2, 4)));
        assertEquals("ok", stream.push(bytes('o', 'k', llama[0] & 0xFF)));
        assertEquals("\uD83E\uDD99", stream.push(Arrays.copyOfRange(llama, 1, 4)));
        assertEquals("", stream.flush());
    }

    @Test
    void everySplitOfMixedTextReassemblesWithoutReplacementCharacters() {
        String text = "a\u00e9\u20ac\uD83E\uDD99z \u65e5\u672c";
        byte[] all = utf8(text);
        for (int i = 0; i <= all.length; i++) {
            for (int j = i; j <= all.length; j++) {
                Utf8Stream stream = new Utf8Stream();
                String out = stream.push(Arrays.copyOfRange(all, 0, i))
                        + stream.push(Arrays.copyOfRange(all, i, j))
                        + stream.push(Arrays.copyOfRange(all, j, all.length));
                assertEquals(text, out, "split at " + i + ", " + j);
                assertEquals("", stream.flush());
            }
        }
        Utf8Stream stream = new Utf8Stream();
        StringBuilder out = new StringBuilder();
        for (byte b : all) {
            String piece = stream.push(new byte[] {b});
            assertFalse(piece.contains("\uFFFD"), "a broken character was shown: " + piece);
            out.append(piece);
        }
        assertEquals(text, out.append(stream.flush()).toString());
    }

    @Test
    void flushOfAnIncompleteSequenceGivesReplacementAndResets() {
        Utf8Stream two = new Utf8Stream();
        assertEquals("", two.push(bytes(0xC3)));
        assertEquals("\uFFFD", two.flush());
        assertEquals("", two.flush(), "flush resets");
        assertEquals("a", two.push(bytes('a')), "nothing left over after flush");

        Utf8Stream three = new Utf8Stream();
        assertEquals("", three.push(bytes(0xE2, 0x82)));
        assertEquals("\uFFFD", three.flush());

        Utf8Stream four = new Utf8Stream();
        assertEquals("x", four.push(bytes('x', 0xF0, 0x9F, 0xA6)));
        assertEquals("\uFFFD", four.flush());
        assertEquals("\u00e9", four.push(bytes(0xC3, 0xA9)));
    }

    @Test
    void anInterruptedSequenceIsNotHeldForever() {
        Utf8Stream stream = new Utf8Stream();
        assertEquals("", stream.push(bytes(0xC3)));
        // A new character arrives instead of the continuation: the broken one is shown as U+FFFD, the new one whole.
        assertEquals("\uFFFDA", stream.push(bytes('A')));
        assertEquals("", stream.push(bytes(0xE2)));
        assertEquals("\uFFFD\u20ac", stream.push(bytes(0xE2, 0x82, 0xAC)));
        assertEquals("", stream.flush());
    }
}
