package dev.locara.retrieval;

import dev.locara.docs.Chunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The stored form of an {@link IndexedDocument}, big-endian:
 * <pre>
 *   magic "LCIX" | version u32 | total length u32 (every byte, checksum included)
 *   documentId str | embeddingModel str | chunk count u32
 *   per chunk: ordinal u32 | heading count u32 | headings str... | page u32 | start u32 | end u32 | text str | tokens u32
 *   has vectors u8 (0 or 1) | dimension u32 | floats f32 (chunk count x dimension)
 *   CRC-32 of all bytes before it, u32
 *   str = UTF-16 length u32, then that many UTF-16 units of 2 bytes (exact for any Java string)
 * </pre>
 * The checksum catches any flipped bit or cut tail (the browser may have stored a partial write); the
 * bounds checks behind it keep a crafted file with a valid checksum from allocating or indexing past its end.
 */
final class IndexBytes {
    static final int VERSION = 1;
    private static final byte[] MAGIC = {'L', 'C', 'I', 'X'};
    private static final int HEADER = 12;
    private static final int CHECKSUM = 4;
    private static final int MIN_CHUNK = 7 * 4; // six u32 fields and an empty text's length

    private IndexBytes() {
    }

    static byte[] write(IndexedDocument doc) {
        Writer w = new Writer();
        w.bytes(MAGIC);
        w.u32(VERSION);
        w.u32(0); // total length, filled in below
        w.str(doc.documentId());
        w.str(doc.embeddingModel());
        w.u32(doc.chunks().size());
        for (Chunk c : doc.chunks()) {
            w.u32(c.ordinal());
            w.u32(c.headingPath().size());
            for (String h : c.headingPath()) {
                w.str(h);
            }
            w.u32(c.page());
            w.u32(c.start());
            w.u32(c.end());
            w.str(c.text());
            w.u32(c.tokens());
        }
        float[][] vectors = doc.vectors();
        w.u8(vectors == null ? 0 : 1);
        w.u32(doc.dimension());
        if (vectors != null) {
            for (float[] v : vectors) {
                for (float x : v) {
                    w.u32(Float.floatToRawIntBits(x));
                }
            }
        }
        int total = w.size + CHECKSUM;
        w.putAt(8, total);
        w.u32((int) crc(w.buf, w.size));
        return Arrays.copyOf(w.buf, w.size);
    }

    static IndexedDocument read(byte[] bytes) throws IndexFormatException {
        if (bytes == null || bytes.length < HEADER + CHECKSUM) {
            throw new IndexFormatException("The stored index entry is " + (bytes == null ? "missing" : "only "
                    + bytes.length + " bytes long") + ", too short to be one.");
        }
        if (!Arrays.equals(Arrays.copyOf(bytes, 4), MAGIC)) {
            throw new IndexFormatException("The stored index entry does not start with LCIX: it is not a Locara index.");
        }
        Reader r = new Reader(bytes, bytes.length - CHECKSUM);
        r.pos = 4;
        int version = r.u32();
        if (version != VERSION) {
            throw new IndexFormatException("The stored index entry has format version " + Integer.toUnsignedString(version)
                    + "; this build reads version " + VERSION + ".");
        }
        long total = Integer.toUnsignedLong(r.u32());
        if (total != bytes.length) {
            throw new IndexFormatException("The stored index entry says it is " + total + " bytes long but "
                    + bytes.length + " bytes are there: it was cut short or run together with something else.");
        }
        int stored = new Reader(bytes, bytes.length).at(bytes.length - CHECKSUM).u32();
        if (stored != (int) crc(bytes, bytes.length - CHECKSUM)) {
            throw new IndexFormatException("The stored index entry fails its checksum: its bytes were damaged.");
        }
        try {
            return body(r);
        } catch (IllegalArgumentException e) { // a chunk or document that its own constructor refuses
            throw new IndexFormatException("The stored index entry holds an invalid document: " + e.getMessage());
        }
    }

    private static IndexedDocument body(Reader r) throws IndexFormatException {
        String documentId = r.str();
        String model = r.str();
        int count = r.count(MIN_CHUNK, "chunk");
        List<Chunk> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int ordinal = r.u32();
            int headingCount = r.count(4, "heading");
            List<String> headings = new ArrayList<>(headingCount);
            for (int h = 0; h < headingCount; h++) {
                headings.add(r.str());
            }
            int page = r.u32();
            int start = r.u32();
            int end = r.u32();
            String text = r.str();
            chunks.add(new Chunk(documentId, ordinal, headings, page, start, end, text, r.u32()));
        }
        int hasVectors = r.u8();
        int dim = r.u32();
        if (hasVectors > 1 || ((hasVectors == 0 || count == 0) && dim != 0) || dim < 0) {
            throw new IndexFormatException("The stored index entry has a malformed vector header.");
        }
        float[][] vectors = null;
        if (hasVectors == 1) {
            if ((long) count * dim * 4 != r.limit - r.pos) {
                throw new IndexFormatException("The stored index entry has room for " + (r.limit - r.pos)
                        + " bytes of vectors, not " + count + " x " + dim + " floats.");
            }
            vectors = new float[count][dim];
            for (float[] v : vectors) {
                for (int d = 0; d < dim; d++) {
                    v[d] = Float.intBitsToFloat(r.u32());
                }
            }
        }
        if (r.pos != r.limit) {
            throw new IndexFormatException("The stored index entry has " + (r.limit - r.pos) + " bytes after its end.");
        }
        return new IndexedDocument(documentId, model, chunks, vectors);
    }

    private static long crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }

    private static final class Writer {
        byte[] buf = new byte[256];
        int size;

        private void room(int n) {
            if (size + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(2 * buf.length, size + n));
            }
        }

        void bytes(byte[] b) {
            room(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        void u8(int v) {
            room(1);
            buf[size++] = (byte) v;
        }

        void u32(int v) {
            room(4);
            putAt(size, v);
            size += 4;
        }

        void putAt(int at, int v) {
            buf[at] = (byte) (v >>> 24);
            buf[at + 1] = (byte) (v >>> 16);
            buf[at + 2] = (byte) (v >>> 8);
            buf[at + 3] = (byte) v;
        }

        void str(String s) {
            u32(s.length());
            room(2 * s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                buf[size++] = (byte) (c >>> 8);
                buf[size++] = (byte) c;
            }
        }
    }

    /** Reads up to {@code limit}, refusing every read that would pass it. */
    private static final class Reader {
        final byte[] buf;
        final int limit;
        int pos;

        Reader(byte[] buf, int limit) {
            this.buf = buf;
            this.limit = limit;
        }

        Reader at(int p) {
            pos = p;
            return this;
        }

        private void need(int n) throws IndexFormatException {
            if (n < 0 || n > limit - pos) {
                throw new IndexFormatException("The stored index entry ends in the middle of a field (at byte " + pos + ").");
            }
        }

        int u8() throws IndexFormatException {
            need(1);
            return buf[pos++] & 0xFF;
        }

        int u32() throws IndexFormatException {
            need(4);
            int v = (buf[pos] & 0xFF) << 24 | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8 | (buf[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }

        /** A count of items each at least {@code minBytes} long, checked against the bytes left before use. */
        int count(int minBytes, String what) throws IndexFormatException {
            int n = u32();
            if (n < 0 || (long) n * minBytes > limit - pos) {
                throw new IndexFormatException("The stored index entry claims " + Integer.toUnsignedString(n) + " "
                        + what + "s, more than its " + (limit - pos) + " remaining bytes can hold.");
            }
            return n;
        }

        String str() throws IndexFormatException {
            int n = u32();
            if (n < 0 || (long) 2 * n > limit - pos) {
                throw new IndexFormatException("The stored index entry has a text of " + Integer.toUnsignedString(n)
                        + " characters where " + (limit - pos) + " bytes remain.");
            }
            char[] chars = new char[n];
            for (int i = 0; i < n; i++) {
                chars[i] = (char) ((buf[pos] & 0xFF) << 8 | (buf[pos + 1] & 0xFF));
                pos += 2;
            }
            return new String(chars);
        }
    }
}
