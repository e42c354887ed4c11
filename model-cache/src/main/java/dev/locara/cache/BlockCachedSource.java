package dev.locara.cache;

import dev.locara.gguf.ByteSource;
import dev.locara.js.Async;
import org.teavm.jso.streams.ReadableStreamDefaultReader;
import org.teavm.jso.streams.ReadableStreamReadResult;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * What every browser byte source shares: header reads through a 1 MiB block cache (a GGUF header is
 * many small reads; each block costs one request or one file slice), and streaming a byte range to
 * a consumer in the chunks the underlying stream yields.
 */
abstract class BlockCachedSource implements StreamingSource {
    static final int BLOCK = 1 << 20;

    private final long size;
    private long blockStart = -1;
    private byte[] block = new byte[0];

    BlockCachedSource(long size) {
        this.size = size;
    }

    /** Bytes [start, end) of the file; end - start is at most {@link #BLOCK}. */
    abstract byte[] readBlock(long start, long end);

    @Override
    public final long size() {
        return size;
    }

    @Override
    public final void readFully(long offset, byte[] dst, int dstOffset, int length) {
        ByteSource.checkRange(offset, length, size);
        int done = 0;
        while (done < length) {
            long at = offset + done;
            if (blockStart < 0 || at < blockStart || at >= blockStart + block.length) {
                long start = at / BLOCK * BLOCK;
                block = readBlock(start, Math.min(size, start + BLOCK));
                blockStart = start;
            }
            int from = (int) (at - blockStart);
            int n = Math.min(length - done, block.length - from);
            System.arraycopy(block, from, dst, dstOffset + done, n);
            done += n;
        }
    }

    /** Hands every chunk of {@code reader} to {@code consumer}; returns the file offset reached. */
    static long drain(ReadableStreamDefaultReader reader, long start, ChunkConsumer consumer) {
        long position = start;
        while (true) {
            ReadableStreamReadResult result = Async.await(reader.read());
            if (result.isDone()) {
                return position;
            }
            Int8Array chunk = result.getValue();
            consumer.accept(position, chunk);
            position += chunk.getLength();
        }
    }
}
