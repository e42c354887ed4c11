package dev.locara.cache;

import java.nio.ByteBuffer;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A {@link Sha256} fed with bytes that live in JavaScript (file slices, network chunks, stored
 * parts) without copying them into Java arrays value by value: each piece is copied by JavaScript,
 * in one `set`, into a direct buffer that TeaVM's WebAssembly keeps in its linear memory, and hashed
 * there, since copying value by value was a visible part of every import (BENCHMARKS.md, "Load: the
 * weight stream, the header and the kernels' start"). Browser only.
 */
final class Sha256Feed {
    private static final int WINDOW = 1 << 20;

    private final Sha256 sha = new Sha256();
    private final ByteBuffer window = ByteBuffer.allocateDirect(WINDOW);

    void update(Int8Array bytes) {
        int length = bytes.getLength();
        for (int done = 0; done < length; done += WINDOW) {
            int n = Math.min(WINDOW, length - done);
            // A fresh view each time: growing the linear memory (any direct allocation) detaches older ones.
            Int8Array.fromJavaBuffer(window).set(new Int8Array(bytes.getBuffer(), bytes.getByteOffset() + done, n));
            sha.update(window, 0, n);
        }
    }

    void reset() {
        sha.reset();
    }

    /** Finishes the hash as lower-case hex, and resets. */
    String hexDigest() {
        return sha.hexDigest();
    }
}
