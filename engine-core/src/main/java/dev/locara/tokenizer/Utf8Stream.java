package dev.locara.tokenizer;

import java.nio.charset.StandardCharsets;

/**
 * Turns token bytes into text as they stream in, holding back an incomplete UTF-8 sequence until
 * the token that completes it arrives, so a character split across byte tokens is never shown broken.
 */
public final class Utf8Stream {
    private byte[] pending = new byte[0];

    /** Appends bytes and returns the text that is complete so far (possibly empty). */
    public String push(byte[] bytes) {
        byte[] all = new byte[pending.length + bytes.length];
        System.arraycopy(pending, 0, all, 0, pending.length);
        System.arraycopy(bytes, 0, all, pending.length, bytes.length);
        int complete = completeLength(all);
        pending = new byte[all.length - complete];
        System.arraycopy(all, complete, pending, 0, pending.length);
        return new String(all, 0, complete, StandardCharsets.UTF_8);
    }

    /** Returns whatever is held back (an unfinished sequence decodes to U+FFFD) and resets. */
    public String flush() {
        String rest = new String(pending, StandardCharsets.UTF_8);
        pending = new byte[0];
        return rest;
    }

    /** Length of the longest prefix that does not end inside a multi-byte sequence. */
    private static int completeLength(byte[] b) {
        int n = b.length;
        // Look back at most 3 bytes for the lead byte of the last sequence.
        for (int back = 1; back <= Math.min(3, n); back++) {
            int c = b[n - back] & 0xFF;
            if ((c & 0xC0) == 0x80) {
                continue; // continuation byte: keep looking for the lead
            }
            int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            return need > back ? n - back : n;
        }
        return n;
    }
}
