package dev.locara.cache;

import dev.locara.gguf.ByteSource;
import org.teavm.jso.typedarrays.Int8Array;

/** A model file that can also be streamed in order, for loading tensors without holding them whole. */
public interface StreamingSource extends ByteSource {
    /** Receives the file's bytes in order; {@code offset} is where {@code chunk} starts in the file. */
    interface ChunkConsumer {
        void accept(long offset, Int8Array chunk);
    }

    /** Streams bytes [start, end) to {@code consumer} in bounded chunks. */
    void stream(long start, long end, ChunkConsumer consumer);
}
