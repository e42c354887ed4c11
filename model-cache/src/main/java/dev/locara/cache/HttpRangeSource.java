package dev.locara.cache;

import dev.locara.gguf.ByteSource;
import dev.locara.gguf.GgufException;
import dev.locara.js.Async;
import dev.locara.js.Fetch;
import dev.locara.js.Response;
import org.teavm.jso.streams.ReadableStreamDefaultReader;
import org.teavm.jso.streams.ReadableStreamReadResult;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A model file read over HTTP (browser only): header reads are Range requests through a 1 MiB
 * block cache, and tensor data is streamed with one open-ended Range request, so neither the file
 * nor a tensor ever has to be held whole.
 */
public final class HttpRangeSource implements StreamingSource {
    private static final int BLOCK = 1 << 20;

    private final String url;
    private final long size;
    private long blockStart = -1;
    private byte[] block = new byte[0];

    private HttpRangeSource(String url, long size) {
        this.url = url;
        this.size = size;
    }

    /** Opens {@code url}, learning its size from the first range response. */
    public static HttpRangeSource open(String url, String modelName) {
        Response r = Fetch.getRange(url, 0, 0);
        if (r.getStatus() == 404) {
            throw new ModelUnavailableException("The model file for '" + modelName + "' is not on this server (" + url
                    + " answered 404). Start the server with --models DIR pointing at the folder that holds it.");
        }
        if (r.getStatus() != 206) {
            throw new ModelUnavailableException("Could not read " + url + ": the server answered " + r.getStatus()
                    + (r.getStatus() == 200 ? " without support for Range requests" : "") + ".");
        }
        String range = r.getHeaders().get("Content-Range"); // "bytes 0-0/SIZE"
        int slash = range == null ? -1 : range.lastIndexOf('/');
        if (slash < 0 || range.endsWith("*")) {
            throw new ModelUnavailableException("The server did not report the size of " + url + ".");
        }
        Async.await(r.arrayBuffer());
        return new HttpRangeSource(url, Long.parseLong(range.substring(slash + 1).trim()));
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
                fetchBlock(at / BLOCK * BLOCK);
            }
            int from = (int) (at - blockStart);
            int n = Math.min(length - done, block.length - from);
            System.arraycopy(block, from, dst, dstOffset + done, n);
            done += n;
        }
    }

    private void fetchBlock(long start) {
        long end = Math.min(size, start + BLOCK) - 1;
        Response r = Fetch.getRange(url, start, end);
        if (r.getStatus() != 206) {
            throw new ModelUnavailableException("Reading " + url + " failed: the server answered " + r.getStatus() + ".");
        }
        ArrayBuffer data = Async.await(r.arrayBuffer());
        block = new Int8Array(data).copyToJavaArray();
        blockStart = start;
        if (block.length != end - start + 1) {
            throw new GgufException(GgufException.Kind.TRUNCATED, "The server sent " + block.length + " bytes for a range of "
                    + (end - start + 1) + ": the file changed or the connection broke.");
        }
    }

    /** Streams bytes [start, end) to {@code consumer} in the chunks the network delivers. */
    @Override
    public void stream(long start, long end, ChunkConsumer consumer) {
        Response r = Fetch.getRange(url, start, end - 1);
        if (r.getStatus() != 206) {
            throw new ModelUnavailableException("Reading " + url + " failed: the server answered " + r.getStatus() + ".");
        }
        ReadableStreamDefaultReader reader = r.getBody().getReader();
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
            throw new GgufException(GgufException.Kind.TRUNCATED, "The download of " + url + " stopped at byte " + position
                    + " of " + end + ": the connection broke or the file changed. Try again.");
        }
    }
}
