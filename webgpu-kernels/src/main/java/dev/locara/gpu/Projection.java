package dev.locara.gpu;

import org.teavm.jso.webgpu.GPUBuffer;

/**
 * One projection y = W x, as the matrix kernels compute it ({@link MatVecKernel} per token,
 * {@link MatMulKernel} per batch), with its options named instead of passed by position: added
 * into y, stored at the token's row, plus a bias, soft-capped, its input normalized first. Each
 * option is off unless asked for; a kernel refuses one it cannot apply.
 *
 * @param posStride 0 for an ordinary output; else y's row for the token starts at pos * posStride (a KV-cache row)
 * @param softcap   0, or y = softcap * tanh(y / softcap) (Gemma 2's logits)
 * @param norm      null, or the RMSNorm applied to x before the product
 */
public record Projection(GpuTensor w, GPUBuffer x, GPUBuffer y, boolean accumulate, int posStride, GPUBuffer bias,
                         float softcap, InputNorm norm) {

    /** An RMSNorm of the input before the product: y = W (rmsnorm(x) * weight). */
    public record InputNorm(GPUBuffer weight, float eps) {
    }

    public static Projection of(GpuTensor w, GPUBuffer x, GPUBuffer y) {
        return new Projection(w, x, y, false, 0, null, 0f, null);
    }

    /** y += W x when {@code add} (the residual stream). */
    public Projection accumulate(boolean add) {
        return new Projection(w, x, y, add, posStride, bias, softcap, norm);
    }

    public Projection atTokenRow(int stride) {
        return new Projection(w, x, y, accumulate, stride, bias, softcap, norm);
    }

    /** Adds {@code b[r]} to row r (none when null). */
    public Projection bias(GPUBuffer b) {
        return new Projection(w, x, y, accumulate, posStride, b, softcap, norm);
    }

    public Projection softcap(float cap) {
        return new Projection(w, x, y, accumulate, posStride, bias, cap, norm);
    }

    /** Normalizes x first (none when null). */
    public Projection normalized(InputNorm n) {
        return new Projection(w, x, y, accumulate, posStride, bias, softcap, n);
    }
}
