package dev.locara.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** GgufReader's UTF-8 fast path gives exactly the JDK's String for any bytes. */
class Utf8DecodingTest {
    private static void same(byte[] bytes, int offset, int length) {
        assertEquals(new String(bytes, offset, length, StandardCharsets.UTF_8), GgufReader.utf8(bytes, offset, length),
                () -> "bytes " + java.util.HexFormat.of().formatHex(bytes, offset, offset + length));
    }

    @Test
    void everyCodePointOfOneToFourBytes() {
        StringBuilder sb = new StringBuilder();
        for (int cp = 0; cp <= 0x10FFFF; cp += cp < 0x10000 ? 1 : 97) {
            if (cp >= 0xD800 && cp < 0xE000) {
                continue;
            }
            sb.appendCodePoint(cp);
            if (sb.length() > 500) {
                byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
                same(b, 0, b.length);
                sb.setLength(0);
            }
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        same(b, 0, b.length);
    }

    @Test
    void malformedOverlongSurrogateAndCutSequences() {
        int[][] cases = {
            {0xC0, 0x80}, {0xC1, 0xBF}, {0xE0, 0x80, 0x80}, {0xE0, 0x9F, 0xBF}, {0xED, 0xA0, 0x80}, {0xED, 0xBF, 0xBF},
            {0xC3}, {0xE2, 0x82}, {0xF0, 0x9F, 0x98}, {0x80}, {0xBF, 0x41}, {0xFF}, {0xFE, 0x41}, {0xF4, 0x90, 0x80, 0x80},
            {0x41, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0x42}, {0xC4, 0xA0, 0x74, 0x68, 0x65},
        };
        for (int[] c : cases) {
            byte[] b = new byte[c.length + 2];
            for (int i = 0; i < c.length; i++) {
                b[i + 1] = (byte) c[i];
            }
            same(b, 1, c.length);
        }
    }

    @Test
    void randomBytes() {
        Random r = new Random(11);
        int[] leads = {0x41, 0x20, 0xC4, 0xC3, 0xE2, 0xE4, 0xED, 0xF0, 0x80, 0xBF, 0xC0, 0xE0, 0xFF};
        for (int n = 0; n < 20_000; n++) {
            byte[] b = new byte[r.nextInt(12)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (r.nextInt(3) == 0 ? leads[r.nextInt(leads.length)] : 0x80 | r.nextInt(64));
            }
            same(b, 0, b.length);
        }
    }
}
