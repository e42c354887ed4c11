package dev.locara.cache;

import dev.locara.gguf.GgufException;
import dev.locara.js.Async;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A stored model file read from the Origin Private File System (browser only). Header reads go
 * through a 1 MiB block cache; tensor data is streamed in the chunks the file stream yields, so
 * neither the file nor a tensor is held whole (the same shape as {@link HttpRangeSource}).
 */
public final class OpfsSource extends BlockCachedSource {
    private final JSObject file;

    OpfsSource(JSObject file) {
        super((long) Opfs.fileSize(file));
        this.file = file;
    }

    @Override
    byte[] readBlock(long start, long end) {
        ArrayBuffer data = Async.await(Opfs.sliceBytes(file, start, end));
        return new Int8Array(data).copyToJavaArray();
    }

    /** Streams bytes [start, end) to {@code consumer} in order. */
    @Override
    public void stream(long start, long end, ChunkConsumer consumer) {
        long position = drain(Opfs.sliceReader(file, start, end), start, consumer);
        if (position != end) {
            throw new GgufException(GgufException.Kind.TRUNCATED, "Reading the stored model stopped at byte " + position
                    + " of " + end + ": storage changed underneath. Delete the model and download it again.");
        }
    }
}
