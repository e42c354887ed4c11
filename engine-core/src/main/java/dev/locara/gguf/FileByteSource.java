package dev.locara.gguf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A {@link ByteSource} over a local file (JVM only: the reference model, the CLI and tests). */
public final class FileByteSource implements ByteSource, AutoCloseable {
    private final FileChannel channel;
    private final long size;

    public FileByteSource(Path path) throws IOException {
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.size = channel.size();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void readFully(long offset, byte[] dst, int dstOffset, int length) {
        ByteSource.checkRange(offset, length, size);
        ByteBuffer buf = ByteBuffer.wrap(dst, dstOffset, length);
        try {
            while (buf.hasRemaining()) {
                int n = channel.read(buf, offset + buf.position() - dstOffset);
                if (n < 0) {
                    throw new GgufException(GgufException.Kind.TRUNCATED, "The file shrank while being read.");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
