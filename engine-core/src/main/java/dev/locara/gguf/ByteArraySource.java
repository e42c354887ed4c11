package dev.locara.gguf;

/** A {@link ByteSource} over bytes already in memory (small models, tests, data fetched whole). */
public final class ByteArraySource implements ByteSource {
    private final byte[] bytes;

    public ByteArraySource(byte[] bytes) {
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
    }
}
