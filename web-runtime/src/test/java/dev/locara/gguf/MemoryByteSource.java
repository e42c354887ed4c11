package dev.locara.gguf;

/** A {@link ByteSource} over a byte array that counts what is read, to check that readers stay windowed. */
public final class MemoryByteSource implements ByteSource {
    private final byte[] bytes;
    private long bytesRead;
    private int reads;

    public MemoryByteSource(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public void readFully(long offset, byte[] dst, int dstOffset, int length) {
        ByteSource.checkRange(offset, length, bytes.length);
        System.arraycopy(bytes, (int) offset, dst, dstOffset, length);
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
