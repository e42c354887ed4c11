package dev.locara.gguf;

/**
 * A {@link ByteArraySource} that counts what is read through it, to check that readers stay
 * windowed.
 */
public final class MemoryByteSource implements ByteSource {
    private final ByteSource bytes;
    private long bytesRead;
    private int reads;

    public MemoryByteSource(byte[] bytes) {
        this.bytes = new ByteArraySource(bytes);
    }

    @Override
    public long size() {
        return bytes.size();
    }

    @Override
    public void readFully(long offset, byte[] dst, int dstOffset, int length) {
        bytes.readFully(offset, dst, dstOffset, length);
        bytesRead += length;
        reads++;
    }

    /** Bytes handed out by {@link #readFully} since creation or the last {@link #resetCounters}. */
    public long bytesRead() {
        return bytesRead;
    }

    public int reads() {
        return reads;
    }

    public void resetCounters() {
        bytesRead = 0;
        reads = 0;
    }
}
