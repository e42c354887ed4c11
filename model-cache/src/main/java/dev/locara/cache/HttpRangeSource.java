package dev.locara.cache;

import dev.locara.gguf.GgufException;
import dev.locara.js.Async;
import dev.locara.js.Fetch;
import dev.locara.js.Response;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A model file read over HTTP (browser only): header reads are Range requests through a 1 MiB
 * block cache, and tensor data is streamed with one open-ended Range request, so neither the file
 * nor a tensor ever has to be held whole.
 */
public final class HttpRangeSource extends BlockCachedSource {
    private final String url;

    private HttpRangeSource(String url, long size) {
        super(size);
        this.url = url;
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
    byte[] readBlock(long start, long endExclusive) {
        long end = endExclusive - 1;
        Response r = Fetch.getRange(url, start, end);
        if (r.getStatus() != 206) {
            throw new ModelUnavailableException("Reading " + url + " failed: the server answered " + r.getStatus() + ".");
        }
        ArrayBuffer data = Async.await(r.arrayBuffer());
        byte[] block = new Int8Array(data).copyToJavaArray();
        if (block.length != end - start + 1) {
            throw new GgufException(GgufException.Kind.TRUNCATED, "The server sent " + block.length + " bytes for a range of "
                    + (end - start + 1) + ": the file changed or the connection broke.");
        }
        return block;
    }

    /** Streams bytes [start, end) to {@code consumer} in the chunks the network delivers. */
    @Override
    public void stream(long start, long end, ChunkConsumer consumer) {
        Response r = Fetch.getRange(url, start, end - 1);
        if (r.getStatus() != 206) {
            throw new ModelUnavailableException("Reading " + url + " failed: the server answered " + r.getStatus() + ".");
        }
        long position = drain(r.getBody().getReader(), start, consumer);
        if (position != end) {
            throw new GgufException(GgufException.Kind.TRUNCATED, "The download of " + url + " stopped at byte " + position
                    + " of " + end + ": the connection broke or the file changed. Try again.");
        }
    }
}
