package dev.locara.gpu;

import dev.locara.gguf.GgmlType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUQueue;

/**
 * A weight matrix in GPU memory: rows x cols values of one type, packed ({@link PackedLayout}) and
 * split by rows into as many buffers as the device's binding limit requires (one on most devices;
 * phones may allow only 128 MiB per binding). Kernels get one binding and one dispatch per split.
 */
public final class GpuTensor {
    /**
     * Rows [firstRow, firstRow + rows) of the matrix, in {@code buffer} from word {@code wordOffset}
     * (non-zero only in a {@link #rows row range} of another tensor).
     */
    public record Split(GPUBuffer buffer, int firstRow, int rows, int wordOffset) {
    }

    public final PackedLayout layout;
    public final int rows;
    public final int cols;
    /** Packed bytes per row. */
    public final long rowBytes;
    public final List<Split> splits;

    GpuTensor(PackedLayout layout, int rows, int cols, List<Split> splits) {
        this.layout = layout;
        this.rows = rows;
        this.cols = cols;
        this.rowBytes = layout.rowBytes(cols);
        this.splits = Collections.unmodifiableList(splits);
    }

    public static GpuTensor create(WebGpu gpu, String name, GgmlType type, int rows, int cols) {
        PackedLayout layout = PackedLayout.of(type);
        long rowBytes = layout.rowBytes(cols);
        int perSplit = rowsPerSplit(rowBytes, rows, gpu.bindingLimit());
        List<Split> splits = new ArrayList<>();
        for (int first = 0; first < rows; first += perSplit) {
            int n = Math.min(perSplit, rows - first);
            String label = first == 0 && n == rows ? name : name + " rows " + first + "+" + n;
            splits.add(new Split(gpu.buffers().storage(n * rowBytes, label), first, n, 0));
        }
        return new GpuTensor(layout, rows, cols, splits);
    }

    /**
     * Rows [first, first + count) as a matrix of their own over the same buffers: Phi-3 stores q, k
     * and v as row ranges of attn_qkv, and gate and up as the halves of ffn_up. The kernels start the
     * view's rows at each split's word offset, so nothing is copied or uploaded twice.
     */
    public GpuTensor rows(int first, int count) {
        if (first < 0 || count < 1 || first + count > rows) {
            throw new IllegalArgumentException("Rows " + first + "+" + count + " are outside a matrix of " + rows + " rows.");
        }
        List<Split> view = new ArrayList<>();
        for (Split s : splits) {
            int a = Math.max(first, s.firstRow);
            int b = Math.min(first + count, s.firstRow + s.rows);
            if (a < b) {
                view.add(new Split(s.buffer, a - first, b - a, s.wordOffset + (int) ((a - s.firstRow) * rowBytes / 4)));
            }
        }
        return new GpuTensor(layout, count, cols, view);
    }

    /** Rows that fit one binding of {@code limit} bytes (at least one, or an exception). */
    static int rowsPerSplit(long rowBytes, int rows, long limit) {
        long fit = limit / rowBytes;
        if (fit < 1) {
            throw new IllegalArgumentException("One row of " + rowBytes + " bytes exceeds the device's storage binding limit of "
                    + limit + " bytes.");
        }
        return (int) Math.min(rows, fit);
    }

    /** Total packed bytes. */
    public long bytes() {
        return rows * rowBytes;
    }

    /**
     * Copies packed bytes {@code [offset, offset + length)} of the tensor from {@code src} (at
     * {@code srcOffset}) into the splits they belong to. Offsets are multiples of 4; a length that
     * is not is rounded up, reading that many bytes of {@code src}.
     */
    void write(GPUQueue queue, long offset, ArrayBuffer src, int srcOffset, int length) {
        long end = offset + length;
        for (Split s : splits) {
            long a = Math.max(offset, s.firstRow * rowBytes);
            long b = Math.min(end, (s.firstRow + (long) s.rows) * rowBytes);
            if (a < b) {
                long size = (b - a + 3) / 4 * 4;
                // A row range's split starts at its word offset of the buffer it shares.
                queue.writeBuffer(s.buffer, 4L * s.wordOffset + a - s.firstRow * rowBytes, src, srcOffset + (int) (a - offset),
                        (int) size);
            }
        }
    }
}
