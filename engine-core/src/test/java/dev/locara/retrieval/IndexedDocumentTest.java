package dev.locara.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.docs.Chunk;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class IndexedDocumentTest {
    private static IndexedDocument sample() {
        List<Chunk> chunks = List.of(
                new Chunk("notes.md", 0, List.of("Intro", "Café"), 0, 0, 11, "🦙 llama\uD800 x", 4),
                new Chunk("notes.md", 1, List.of(), 3, 11, 16, "東京 ok", 2));
        return new IndexedDocument("notes.md", "all-minilm-l6", chunks, new float[][] {{0.6f, -0.8f, 0}, {0, 1, -0f}});
    }

    private static void assertRefused(byte[] bytes, String what) {
        IndexFormatException e = assertThrows(IndexFormatException.class, () -> IndexedDocument.fromBytes(bytes), what);
        assertTrue(e.getMessage().endsWith("Index the document again."), e.getMessage());
    }

    /** The bytes with the checksum made right again, so the checks behind it are reached. */
    private static byte[] resigned(byte[] bytes) {
        byte[] b = bytes.clone();
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 4);
        int v = (int) crc.getValue();
        for (int i = 0; i < 4; i++) {
            b[b.length - 4 + i] = (byte) (v >>> (24 - 8 * i));
        }
        return b;
    }

    @Test
    void roundTripKeepsEveryFieldExactly() throws IndexFormatException {
        IndexedDocument doc = sample();
        IndexedDocument back = IndexedDocument.fromBytes(doc.toBytes());
        assertEquals(doc, back);
        assertEquals("🦙 llama\uD800 x", back.chunks().get(0).text()); // an unpaired surrogate survives too
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(back.vectors()[1][2]));
        IndexedDocument keywordOnly = IndexedDocument.keywordOnly("k", Corpus.chunks("k", "one", "two"));
        assertEquals(keywordOnly, IndexedDocument.fromBytes(keywordOnly.toBytes()));
        IndexedDocument empty = IndexedDocument.keywordOnly("", List.of());
        assertEquals(empty, IndexedDocument.fromBytes(empty.toBytes()));
    }

    @Test
    void everyTruncationIsRefused() {
        byte[] bytes = sample().toBytes();
        for (int n = 0; n < bytes.length; n++) {
            assertRefused(Arrays.copyOf(bytes, n), "cut to " + n + " bytes");
        }
        assertRefused(Arrays.copyOf(bytes, bytes.length + 1), "one byte too many");
    }

    @Test
    void everyBitFlipIsRefused() {
        byte[] bytes = sample().toBytes();
        for (int bit = 0; bit < 8 * bytes.length; bit++) {
            byte[] b = bytes.clone();
            b[bit / 8] ^= (byte) (1 << (bit % 8));
            assertRefused(b, "bit " + bit + " flipped");
        }
    }

    @Test
    void headerProblemsAreNamed() throws IndexFormatException {
        byte[] bytes = sample().toBytes();
        byte[] version = bytes.clone();
        version[7] = 2;
        IndexFormatException e = assertThrows(IndexFormatException.class, () -> IndexedDocument.fromBytes(version));
        assertEquals("The stored index entry has format version 2; this build reads version 1. Index the document again.",
                e.getMessage());
        byte[] huge = resigned(bytes.clone());
        huge[HEADER_END + (4 + 2 * 8) + (4 + 2 * 13)] = 0x7F; // the chunk count's top byte, after the two ids
        assertRefused(resigned(huge), "a chunk count beyond the bytes");
        assertArrayEquals(bytes, IndexedDocument.fromBytes(bytes).toBytes());
    }

    private static final int HEADER_END = 12;

    @Property(tries = 500)
    void mutatedBytesGiveOnlyIndexFormatException(@ForAll @IntRange(min = 0, max = 400) int at,
                                                   @ForAll byte value, @ForAll boolean resign) {
        byte[] b = sample().toBytes();
        b[at % b.length] = value;
        byte[] tried = resign ? resigned(b) : b;
        readsBackExactlyOrRefuses(tried);
    }

    /** A change that still reads (a flipped letter of a text, re-signed) must be a document that writes the same bytes. */
    private static void readsBackExactlyOrRefuses(byte[] bytes) {
        try {
            assertArrayEquals(bytes, IndexedDocument.fromBytes(bytes).toBytes());
        } catch (IndexFormatException expected) {
            assertTrue(expected.getMessage().endsWith("Index the document again."));
        }
    }

    @Property(tries = 300)
    void randomBytesGiveOnlyIndexFormatException(@ForAll @Size(max = 200) byte[] bytes, @ForAll boolean resign) {
        byte[] b = bytes.clone();
        if (b.length >= 16) {
            byte[] header = {'L', 'C', 'I', 'X', 0, 0, 0, 1, 0, 0, (byte) (b.length >>> 8), (byte) b.length};
            System.arraycopy(header, 0, b, 0, header.length); // a good header, so the body is what gets read
            if (resign) {
                b = resigned(b);
            }
        }
        readsBackExactlyOrRefuses(b);
    }

    @Property(tries = 200)
    void anyDocumentRoundTrips(@ForAll("documents") IndexedDocument doc) throws IndexFormatException {
        assertEquals(doc, IndexedDocument.fromBytes(doc.toBytes()));
    }

    @Provide
    Arbitrary<IndexedDocument> documents() {
        Arbitrary<String> texts = Arbitraries.strings().all().ofMaxLength(40);
        return Arbitraries.integers().between(0, 4).flatMap(n -> texts.list().ofSize(n).flatMap(list ->
                Arbitraries.integers().between(0, 5).map(dim -> {
                    List<Chunk> chunks = Corpus.chunks("id-" + list.size(), list.toArray(new String[0]));
                    if (dim == 0) {
                        return IndexedDocument.keywordOnly("id-" + list.size(), chunks);
                    }
                    float[][] v = new float[chunks.size()][dim];
                    for (int i = 0; i < v.length; i++) {
                        v[i][i % dim] = 1f / (i + 1);
                    }
                    return new IndexedDocument("id-" + list.size(), "model", chunks, v);
                })));
    }
}
