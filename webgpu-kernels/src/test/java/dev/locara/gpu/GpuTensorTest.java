package dev.locara.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.locara.gguf.GgmlType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Row views of a tensor (Phi-3's fused attn_qkv and ffn_up): which buffers and words a view's rows
 * come from, also when the tensor is split over several bindings. Buffers are null here: only the
 * arithmetic is under test, the GPU checks run the kernels on views.
 */
class GpuTensorTest {
    private static final PackedLayout Q8 = PackedLayout.of(GgmlType.Q8_0);
    private static final int COLS = 64;
    private static final int ROW_WORDS = (int) (Q8.rowBytes(COLS) / 4);

    @Test
    void aViewOfOneBindingStartsAtItsFirstRowsWords() {
        GpuTensor qkv = new GpuTensor(Q8, 12, COLS, List.of(new GpuTensor.Split(null, 0, 12, 0)));
        GpuTensor v = qkv.rows(8, 4);
        assertEquals(4, v.rows);
        assertEquals(List.of(new GpuTensor.Split(null, 0, 4, 8 * ROW_WORDS)), v.splits);
    }

    @Test
    void aViewAcrossSplitsKeepsOnePiecePerSplitItTouches() {
        // 10 rows split 4 + 4 + 2; rows 3..8 touch all three splits.
        GpuTensor t = new GpuTensor(Q8, 10, COLS, List.of(new GpuTensor.Split(null, 0, 4, 0),
                new GpuTensor.Split(null, 4, 4, 0), new GpuTensor.Split(null, 8, 2, 0)));
        GpuTensor view = t.rows(3, 6);
        assertEquals(List.of(new GpuTensor.Split(null, 0, 1, 3 * ROW_WORDS), new GpuTensor.Split(null, 1, 4, 0),
                new GpuTensor.Split(null, 5, 1, 0)), view.splits);
        // A view of a view adds the offsets.
        assertEquals(List.of(new GpuTensor.Split(null, 0, 1, 3 * ROW_WORDS)), view.rows(0, 1).splits);
        assertEquals(List.of(new GpuTensor.Split(null, 0, 2, 2 * ROW_WORDS)), t.rows(6, 2).rows(0, 2).splits);
    }

    @Test
    void rowsOutsideTheMatrixAreRefused() {
        GpuTensor t = new GpuTensor(Q8, 4, COLS, List.of(new GpuTensor.Split(null, 0, 4, 0)));
        assertThrows(IllegalArgumentException.class, () -> t.rows(2, 3));
        assertThrows(IllegalArgumentException.class, () -> t.rows(-1, 2));
    }
}
