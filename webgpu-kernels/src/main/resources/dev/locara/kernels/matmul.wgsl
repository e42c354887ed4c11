// Matrix-matrix product for a batch of tokens, weights of any type (quant.wgsl):
// Y[t][first_row + r] = dot(W[r, :], X[t, :]) for t < tokens and the rows r < rows of this
// binding; X rows are cols wide, Y rows y_stride wide (the whole tensor's rows when it is split).
// `accumulate` adds into Y instead (the residual stream of a batch), so no add dispatch is needed.
//
// Why it is shaped this way: each invocation owns a tile of ROWS rows x TOKENS tokens. A chunk of
// each of its rows is dequantized once into registers and used for every token of the tile, so the
// dequantization cost (the bottleneck of the one-token kernel) is shared TOKENS ways; each
// activation chunk is loaded once per tile and used for ROWS rows. Registers, not workgroup memory:
// barriers measured slower than independent invocations on SwiftShader. As in matvec.wgsl,
// w_offset makes a row range of a fused tensor (Phi-3) a matrix of its own, and BIAS adds the
// row's bias (Qwen2) in the store.
#include "quant.wgsl"

struct Params { rows: u32, cols: u32, row_words: u32, first_row: u32, tokens: u32, y_stride: u32, accumulate: u32, w_offset: u32 }

override WG: u32 = 64u;
// Tile shape; MatMulKernel.ROWS and TOKENS must match.
const ROWS: u32 = 4u;
const TOKENS: u32 = 4u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> w: array<u32>;
@group(0) @binding(2) var<storage, read> x: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;
#if BIAS
@group(0) @binding(4) var<storage, read> bias: array<f32>; // [rows of the whole view]
#endif

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let r0 = gid.x * ROWS;
    let t0 = gid.y * TOKENS;
    if (r0 >= p.rows || t0 >= p.tokens) {
        return;
    }
    var base: array<u32, ROWS>;
    for (var i = 0u; i < ROWS; i++) {
        base[i] = p.w_offset + min(r0 + i, p.rows - 1u) * p.row_words;
    }
    var xrow: array<u32, TOKENS>;
    for (var t = 0u; t < TOKENS; t++) {
        xrow[t] = min(t0 + t, p.tokens - 1u) * (p.cols / 4u);
    }
    var acc: array<vec4<f32>, TOKENS>; // acc[t][r]
    let chunks = p.cols / 32u;
    for (var c = 0u; c < chunks; c++) {
        var wv: array<array<vec4<f32>, 8>, ROWS>;
        for (var r = 0u; r < ROWS; r++) {
            wv[r] = chunk_values(base[r], c);
        }
        for (var t = 0u; t < TOKENS; t++) {
            var xs: array<vec4<f32>, 8>;
            for (var i = 0u; i < 8u; i++) {
                xs[i] = x[xrow[t] + c * 8u + i];
            }
            for (var r = 0u; r < ROWS; r++) {
                acc[t][r] += ((dot(wv[r][0], xs[0]) + dot(wv[r][1], xs[1])) + (dot(wv[r][2], xs[2]) + dot(wv[r][3], xs[3])))
                        + ((dot(wv[r][4], xs[4]) + dot(wv[r][5], xs[5])) + (dot(wv[r][6], xs[6]) + dot(wv[r][7], xs[7])));
            }
        }
    }
    for (var k = chunks * 32u; k < p.cols; k++) { // the tail of rows that are not whole chunks (F32/F16/BF16)
        for (var r = 0u; r < ROWS; r++) {
            let wk = value_at(base[r], k);
            for (var t = 0u; t < TOKENS; t++) {
                acc[t][r] += wk * x[xrow[t] + k / 4u][k % 4u];
            }
        }
    }
    for (var t = 0u; t < TOKENS; t++) {
        for (var r = 0u; r < ROWS; r++) {
            if (t0 + t < p.tokens && r0 + r < p.rows) {
                let o = (t0 + t) * p.y_stride + p.first_row + r0 + r;
                var v = acc[t][r];
#if BIAS
                v += bias[p.first_row + r0 + r];
#endif
                if (p.accumulate != 0u) {
                    y[o] += v;
                } else {
                    y[o] = v;
                }
            }
        }
    }
}
