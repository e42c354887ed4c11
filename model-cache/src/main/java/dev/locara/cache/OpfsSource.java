package dev.locara.cache;

import dev.locara.gguf.ByteSource;
import dev.locara.gguf.GgufException;
import dev.locara.js.Async;
import org.teavm.jso.JSObject;
import org.teavm.jso.streams.ReadableStreamDefaultReader;
import org.teavm.jso.streams.ReadableStreamReadResult;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A stored model file read from the Origin Private File System (browser only). Header reads go
 * through a 1 MiB block cache; tensor data is streamed in the chunks the file stream yields, so
 * neither the file nor a tensor is held whole (the same shape as {@link HttpRangeSource}).
 */
public final class OpfsSource implements StreamingSource {
    private static final int BLOCK = 1 << 20;

    private final JSObject file;
    private final long size;
    private long blockStart = -1;
    private byte[] block = new byte[0];

    OpfsSource(JSObject file) {
        this.file = file;
        this.size = (long) Opfs.fileSize(file);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void readFully(long offset, byte[] dst, int dstOffset, int length) {
        ByteSource.checkRange(offset, length, size);
        int done = 0;
        while (done < length) {
            long at = offset + done;
            if (blockStart < 0 || at < blockStart || at >= blockStart + block.length) {
                long start = at / BLOCK * BLOCK;
                ArrayBuffer data = Async.await(Opfs.sliceBytes(file, start, Math.min(size, start + BLOCK)));
                block = new Int8Array(data).copyToJavaArray();
                blockStart = start;
            }
            int from = (int) (at - blockStart);
            int n = Math.min(length - done, block.length - from);
            System.arraycopy(block, from, dst, dstOffset + done, n);
            done += n;
        }
    }

    /** Streams bytes [start, end) to {@code consumer} in order. */
    @Override
    public void stream(long start, long end, ChunkConsumer consumer) {
        ReadableStreamDefaultReader reader = Opfs.sliceReader(file, start, end);
        long position = start;
        while (true) {
            ReadableStreamReadResult result = Async.await(reader.read());
            if (result.isDone()) {
                break;
            }
            Int8Array chunk = result.getValue();
            consumer.accept(position, chunk);
            position += chunk.getLength();
        }
        if (position != end) {
            throw new GgufException(GgufException.Kind.TRUNCATED, "Reading the stored model stopped at byte " + position
                    + " of " + end + ": storage changed underneath. Delete the model and download it again.");
        }
    }
}
