// Matrix-vector product for one token, weights of any type (quant.wgsl):
// y[pos * pos_stride + first_row + r] (+)= dot(W[r, :], x) for the rows r < rows of this binding.
// W is row-major as GGUF stores it (ne0 = cols contiguous), rows packed (PackedLayout), row_words
// words apart. A tensor larger than one binding is split by rows: one binding and one dispatch per
// split, first_row placing the split's rows in y.
//
// Why it is shaped this way: ROWS rows per invocation, each activation chunk (32 values, eight
// vec4) loaded once and reused for all of them, weights dequantized in registers and never
// written back. For one token the work is bound by loads and instructions per weight: several rows
// per invocation measured ~3x faster than one on SwiftShader, and workgroup-shared reductions with
// barriers slower than per-invocation rows. `accumulate` adds into y (the residual stream) so no
// add dispatch is needed; pos_stride lets K and V projections write straight into the KV cache.
// The architecture switches ride on the same pass: w_offset starts the rows at a word offset of the
// binding, so Phi-3's fused attn_qkv and gate-up ffn_up run as row ranges of one buffer (a binding
// offset would need 256-byte alignment, which quantized rows do not have); BIAS adds the bias of
// the row (Qwen2's q/k/v) before the store, and softcap > 0 stores cap * tanh(y / cap) (Gemma 2's
// final logits), so neither needs a dispatch of its own.
#include "quant.wgsl"

struct Params { rows: u32, cols: u32, row_words: u32, first_row: u32, accumulate: u32, pos_stride: u32, w_offset: u32, softcap: f32 }
struct Token { pos: u32, id: u32, _p1: u32, _p2: u32 }

override WG: u32 = 64u;
// Rows per invocation; MatVecKernel.ROWS must match.
const ROWS: u32 = 4u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<uniform> tok: Token;
@group(0) @binding(2) var<storage, read> w: array<u32>;
@group(0) @binding(3) var<storage, read> x: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;
#if BIAS
@group(0) @binding(5) var<storage, read> bias: array<f32>; // [rows of the whole view]
#endif

// cap * tanh(v / cap); the argument is clamped because tanh of a large f32 may overflow to NaN in
// implementations that compute it from exponentials.
fn soft_cap(v: f32, cap: f32) -> f32 {
    return cap * tanh(clamp(v / cap, -15.0, 15.0));
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let r0 = gid.x * ROWS;
    if (r0 >= p.rows) {
        return;
    }
    var base: array<u32, ROWS>;
    for (var i = 0u; i < ROWS; i++) {
        base[i] = p.w_offset + min(r0 + i, p.rows - 1u) * p.row_words; // past the end: recompute the last row, not written
    }
    var acc = vec4<f32>(0.0);
    let chunks = p.cols / 32u;
    for (var c = 0u; c < chunks; c++) {
        var xs: array<vec4<f32>, 8>;
        for (var i = 0u; i < 8u; i++) {
            xs[i] = x[c * 8u + i];
        }
        for (var r = 0u; r < ROWS; r++) {
            let v = chunk_values(base[r], c);
            acc[r] += ((dot(v[0], xs[0]) + dot(v[1], xs[1])) + (dot(v[2], xs[2]) + dot(v[3], xs[3])))
                    + ((dot(v[4], xs[4]) + dot(v[5], xs[5])) + (dot(v[6], xs[6]) + dot(v[7], xs[7])));
        }
    }
    for (var k = chunks * 32u; k < p.cols; k++) { // the tail of rows that are not whole chunks (F32/F16/BF16)
        let xk = x[k / 4u][k % 4u];
        for (var r = 0u; r < ROWS; r++) {
            acc[r] += value_at(base[r], k) * xk;
        }
    }
    let o = tok.pos * p.pos_stride + p.first_row + r0;
    for (var r = 0u; r < ROWS; r++) {
        if (r0 + r < p.rows) {
            var v = acc[r];
#if BIAS
            v += bias[p.first_row + r0 + r];
#endif
            if (p.softcap > 0.0) {
                v = soft_cap(v, p.softcap);
            }
            if (p.accumulate != 0u) {
                y[o + r] += v;
            } else {
                y[o + r] = v;
            }
        }
    }
}
