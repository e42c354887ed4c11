package dev.locara.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256Test {
    private static String hash(String ascii) {
        Sha256 s = new Sha256();
        s.update(ascii.getBytes(StandardCharsets.US_ASCII));
        return s.hexDigest();
    }

    @Test
    void nistVectors() {
        // FIPS 180-4 examples (NIST CSRC "SHA256.pdf") and the NIST long-message vectors.
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hash(""));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hash("abc"));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
        assertEquals("cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
                hash("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"));
        Sha256 s = new Sha256();
        byte[] a = "aaaaaaaaaa".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 100_000; i++) {
            s.update(a); // one million 'a'
        }
        assertEquals("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", s.hexDigest());
    }

    @Test
    void paddingBoundaries() throws Exception {
        // Lengths around the 55/56/64-byte padding edges, where off-by-one errors hide.
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        Random r = new Random(1);
        for (int n = 0; n <= 200; n++) {
            byte[] data = new byte[n];
            r.nextBytes(data);
            Sha256 s = new Sha256();
            s.update(data);
            assertArrayEquals(md.digest(data), s.digest(), "length " + n);
        }
    }

    @Test
    void matchesMessageDigestOnLargeInputsInAnyChunking() throws Exception {
        Random r = new Random(42);
        byte[] data = new byte[3 << 20];
        r.nextBytes(data);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(data);
        int[] chunkSizes = {1, 3, 63, 64, 65, 1000, 4096, 65_537, 1 << 20};
        Sha256 s = new Sha256();
        for (int chunk : chunkSizes) {
            // Small chunks on a prefix only, to keep the test fast; the rest in a big piece.
            int prefix = Math.min(data.length, chunk * 2000);
            for (int i = 0; i < prefix; i += chunk) {
                s.update(data, i, Math.min(chunk, prefix - i));
            }
            s.update(data, prefix, data.length - prefix);
            assertEquals(data.length, s.length());
            assertArrayEquals(expected, s.digest(), "chunk " + chunk);
        }
        // From buffers, heap and direct, in either byte order (the browser's are direct), at odd offsets.
        for (ByteBuffer buffer : new ByteBuffer[] {ByteBuffer.wrap(data), ByteBuffer.allocateDirect(data.length).put(data),
                ByteBuffer.allocateDirect(data.length).order(ByteOrder.LITTLE_ENDIAN).put(data)}) {
            int i = 0;
            while (i < data.length) {
                int n = Math.min(data.length - i, 1 + r.nextInt(200_000));
                s.update(buffer, i, n);
                i += n;
            }
            assertArrayEquals(expected, s.digest(), buffer + ", " + buffer.order());
        }
        // Random chunk sizes, the way a network delivers them.
        for (int round = 0; round < 5; round++) {
            int i = 0;
            while (i < data.length) {
                int n = Math.min(data.length - i, 1 + r.nextInt(200_000));
                s.update(data, i, n);
                i += n;
            }
            assertArrayEquals(expected, s.digest(), "random chunks, round " + round);
        }
    }
}
