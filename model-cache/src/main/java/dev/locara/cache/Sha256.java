package dev.locara.cache;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * SHA-256 (FIPS 180-4) fed incrementally, so a download is hashed while its bytes arrive and a
 * multi-gigabyte file is never held whole. Pure Java: the browser's crypto.subtle.digest has no
 * incremental form, and this runs the same on the JVM and under TeaVM.
 */
public final class Sha256 {
    private static final int[] K = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    };

    private final int[] h = new int[8];
    private final int[] w = new int[64];
    private final byte[] block = new byte[64];
    private int blockFill;
    private long length; // bytes hashed so far

    public Sha256() {
        reset();
    }

    public void reset() {
        h[0] = 0x6a09e667;
        h[1] = 0xbb67ae85;
        h[2] = 0x3c6ef372;
        h[3] = 0xa54ff53a;
        h[4] = 0x510e527f;
        h[5] = 0x9b05688c;
        h[6] = 0x1f83d9ab;
        h[7] = 0x5be0cd19;
        blockFill = 0;
        length = 0;
    }

    /** Bytes hashed since the last reset or digest. */
    public long length() {
        return length;
    }

    public void update(byte[] data) {
        update(data, 0, data.length);
    }

    public void update(byte[] data, int offset, int count) {
        update(ByteBuffer.wrap(data), offset, count);
    }

    /**
     * Bytes [offset, offset + count) of {@code data} (absolute indices; its position is ignored).
     * In the browser {@code data} is a direct buffer in WebAssembly's linear memory that JavaScript
     * filled with one copy, so no byte crosses into a Java array one at a time (see {@link Sha256Feed}).
     */
    public void update(ByteBuffer data, int offset, int count) {
        if (offset < 0 || count < 0 || offset + count > data.capacity()) {
            throw new IndexOutOfBoundsException("offset " + offset + ", count " + count + ", buffer " + data.capacity());
        }
        length += count;
        int i = offset;
        int end = offset + count;
        if (blockFill > 0) {
            int n = Math.min(64 - blockFill, count);
            data.get(i, block, blockFill, n);
            blockFill += n;
            i += n;
            if (blockFill < 64) {
                return;
            }
            compress(block, 0);
            blockFill = 0;
        }
        boolean bigEndian = data.order() == ByteOrder.BIG_ENDIAN;
        int[] w = this.w;
        for (; i + 64 <= end; i += 64) {
            for (int t = 0; t < 16; t++) {
                int v = data.getInt(i + 4 * t);
                w[t] = bigEndian ? v : Integer.reverseBytes(v);
            }
            compress();
        }
        blockFill = end - i;
        data.get(i, block, 0, blockFill);
    }

    /** Finishes the hash, returns the 32-byte digest and resets for reuse. */
    public byte[] digest() {
        long bits = length * 8;
        byte[] pad = new byte[(blockFill < 56 ? 56 : 120) - blockFill + 8];
        pad[0] = (byte) 0x80;
        for (int i = 0; i < 8; i++) {
            pad[pad.length - 1 - i] = (byte) (bits >>> (8 * i));
        }
        update(pad, 0, pad.length);
        byte[] out = new byte[32];
        for (int i = 0; i < 8; i++) {
            out[4 * i] = (byte) (h[i] >>> 24);
            out[4 * i + 1] = (byte) (h[i] >>> 16);
            out[4 * i + 2] = (byte) (h[i] >>> 8);
            out[4 * i + 3] = (byte) h[i];
        }
        reset();
        return out;
    }

    /** Finishes the hash as lower-case hex, the form the manifest pins. */
    public String hexDigest() {
        return hex(digest());
    }

    public static String hex(byte[] bytes) {
        char[] digits = "0123456789abcdef".toCharArray();
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(digits[(b >> 4) & 15]).append(digits[b & 15]);
        }
        return sb.toString();
    }

    private void compress(byte[] d, int at) {
        int[] w = this.w;
        for (int t = 0; t < 16; t++) {
            int o = at + 4 * t;
            w[t] = (d[o] << 24) | ((d[o + 1] & 0xff) << 16) | ((d[o + 2] & 0xff) << 8) | (d[o + 3] & 0xff);
        }
        compress();
    }

    /**
     * The 64 rounds over the block's words in w[0..16). Written for WebAssembly, where imports and
     * downloads hash every byte: the arrays are read through locals, and the rotations spelled out.
     */
    private void compress() {
        int[] w = this.w;
        int[] k = K;
        for (int t = 16; t < 64; t++) {
            int x = w[t - 15];
            int y = w[t - 2];
            int s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
            int s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        int[] h = this.h;
        int a = h[0], b = h[1], c = h[2], e0 = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int t = 0; t < 64; t++) {
            int s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
            int ch = g ^ (e & (f ^ g));
            int t1 = hh + s1 + ch + k[t] + w[t];
            int s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
            int maj = (a & b) | (c & (a | b));
            int t2 = s0 + maj;
            hh = g;
            g = f;
            f = e;
            e = e0 + t1;
            e0 = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += e0;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }
}
