package dev.locara.gguf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The GGUF reader on bytes from nowhere (ROBUSTNESS.md): it returns a file or throws a GgufException, and
 * nothing else: no OutOfMemoryError from a huge count, no hang on a huge offset, no IndexOutOfBounds.
 * jqwik builds inputs that get past the magic (valid header, then garbage); Jazzer mutates freely.
 * {@link GgufFuzzTest} corrupts the real demo model the same way.
 */
class GgufReaderFuzzTest {
    static void readOrFailTyped(byte[] bytes) {
        try {
            GgufReader.read(new ByteArraySource(bytes));
        } catch (GgufException expected) {
            // the typed refusal is the other allowed outcome
        }
    }

    @FuzzTest(maxDuration = "60s")
    void anyBytes(byte[] bytes) {
        readOrFailTyped(bytes);
    }

    @Property(tries = 3000)
    void headerThenGarbage(@ForAll("gguf") byte[] bytes) {
        readOrFailTyped(bytes);
    }

    /** "GGUF", version 3, tensor and key counts from small to 2^63, then random bytes with plausible small integers. */
    @Provide
    Arbitrary<byte[]> gguf() {
        Arbitrary<Long> counts = Arbitraries.oneOf(Arbitraries.longs().between(0, 8), Arbitraries.longs(),
                Arbitraries.of(Long.MAX_VALUE, -1L, 1L << 32, 1L << 40));
        Arbitrary<byte[]> tail = Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
        return net.jqwik.api.Combinators.combine(Arbitraries.of(2, 3, 4, 0, -1), counts, counts, tail).as((version, tensors, keys, rest) -> {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(24 + rest.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.put(new byte[] {'G', 'G', 'U', 'F'}).putInt(version).putLong(tensors).putLong(keys).put(rest);
            return b.array();
        });
    }
}
