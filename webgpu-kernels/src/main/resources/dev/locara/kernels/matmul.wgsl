// Matrix-matrix product for a batch of tokens, weights of any type (quant.wgsl):
// Y[t][first_row + r] = dot(W[r, :], X[t, :]) for t < tokens and the rows r < rows of this
// binding; X rows are cols wide, Y rows y_stride wide (the whole tensor's rows when it is split).
// `accumulate` adds into Y instead (the residual stream of a batch), so no add dispatch is needed.
//
// Why it is shaped this way: each invocation owns a tile of ROWS rows x TOKENS tokens, held in
// named accumulators (SwiftShader spills arrays indexed at run time to memory: the previous tile
// of arrays, dequantized once per row and reused per token, measured 3x slower than this). Each
// token's activation chunk (and its sums) is loaded once per chunk and used for ROWS rows; each
// (row, token) pair takes quant.wgsl's chunk_dot, whose weight words come from the cache after the
// tile's first token. Registers, not workgroup memory: barriers measured slower than independent
// invocations on SwiftShader. As in matvec.wgsl,
// w_offset makes a row range of a fused tensor (Phi-3) a matrix of its own, and bias != 0 adds the
// row's bias (Qwen2) in the store: a uniform, not a define, and the tile stored by a loop rather
// than 16 inlined stores, because every variant and every inlined copy is code that SwiftShader
// compiles at load (matvec.wgsl's header has the measurements).
#include "quant.wgsl"

struct Params { rows: u32, cols: u32, row_words: u32, first_row: u32, tokens: u32, y_stride: u32, accumulate: u32, w_offset: u32,
                bias: u32, _p0: u32, _p1: u32, _p2: u32 }

override WG: u32 = 64u;
// Tile shape; MatMulKernel.ROWS and TOKENS must match.
const ROWS: u32 = 4u;
const TOKENS: u32 = 4u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> w: array<u32>;
@group(0) @binding(2) var<storage, read> x: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;
@group(0) @binding(4) var<storage, read> bias: array<f32>; // [rows of the whole view]; a 4-byte stand-in, never read, with p.bias == 0

// Chunk c of the activation row starting at vec4 `row`, as chunk_dot takes it (make_chunk).
fn load_chunk(row: u32, c: u32) -> Chunk {
    let i = row + c * 8u;
    let v0 = x[i]; let v1 = x[i + 1u]; let v2 = x[i + 2u]; let v3 = x[i + 3u];
    let v4 = x[i + 4u]; let v5 = x[i + 5u]; let v6 = x[i + 6u]; let v7 = x[i + 7u];
    return make_chunk(v0, v1, v2, v3, v4, v5, v6, v7);
}

fn store(r: u32, t: u32, value: f32) {
    if (r >= p.rows || t >= p.tokens) {
        return; // past the end: recomputed from the last row or token, not written
    }
    let o = t * p.y_stride + p.first_row + r;
    var v = value;
    if (p.bias != 0u) {
        v += bias[p.first_row + r];
    }
    if (p.accumulate != 0u) {
        y[o] += v;
    } else {
        y[o] = v;
    }
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let r0 = gid.x * ROWS;
    let t0 = gid.y * TOKENS;
    if (r0 >= p.rows || t0 >= p.tokens) {
        return;
    }
    let b0 = p.w_offset + min(r0 + 0u, p.rows - 1u) * p.row_words;
    let b1 = p.w_offset + min(r0 + 1u, p.rows - 1u) * p.row_words;
    let b2 = p.w_offset + min(r0 + 2u, p.rows - 1u) * p.row_words;
    let b3 = p.w_offset + min(r0 + 3u, p.rows - 1u) * p.row_words;
    let x0 = min(t0 + 0u, p.tokens - 1u) * (p.cols / 4u);
    let x1 = min(t0 + 1u, p.tokens - 1u) * (p.cols / 4u);
    let x2 = min(t0 + 2u, p.tokens - 1u) * (p.cols / 4u);
    let x3 = min(t0 + 3u, p.tokens - 1u) * (p.cols / 4u);
    var a0_0 = 0.0;
    var a1_0 = 0.0;
    var a2_0 = 0.0;
    var a3_0 = 0.0;
    var a0_1 = 0.0;
    var a1_1 = 0.0;
    var a2_1 = 0.0;
    var a3_1 = 0.0;
    var a0_2 = 0.0;
    var a1_2 = 0.0;
    var a2_2 = 0.0;
    var a3_2 = 0.0;
    var a0_3 = 0.0;
    var a1_3 = 0.0;
    var a2_3 = 0.0;
    var a3_3 = 0.0;
#if TYPE_F32 || TYPE_F16 || TYPE_BF16
    // Float weights need no chunk sums: walk the rows 4 values at a time, each row's 4 values
    // loaded once for the tile's 4 tokens and each token's once for its 4 rows (16 dot products
    // per 8 loads, where chunk_dot per row and token loaded every weight again for every token).
    for (var k = 0u; k < p.cols / 4u; k++) {
        let w0 = quad(b0, k);
        let w1 = quad(b1, k);
        let w2 = quad(b2, k);
        let w3 = quad(b3, k);
        let v0 = x[x0 + k];
        a0_0 += dot(w0, v0);
        a1_0 += dot(w1, v0);
        a2_0 += dot(w2, v0);
        a3_0 += dot(w3, v0);
        let v1 = x[x1 + k];
        a0_1 += dot(w0, v1);
        a1_1 += dot(w1, v1);
        a2_1 += dot(w2, v1);
        a3_1 += dot(w3, v1);
        let v2 = x[x2 + k];
        a0_2 += dot(w0, v2);
        a1_2 += dot(w1, v2);
        a2_2 += dot(w2, v2);
        a3_2 += dot(w3, v2);
        let v3 = x[x3 + k];
        a0_3 += dot(w0, v3);
        a1_3 += dot(w1, v3);
        a2_3 += dot(w2, v3);
        a3_3 += dot(w3, v3);
    }
#else
    let chunks = p.cols / 32u;
    for (var c = 0u; c < chunks; c++) {
        let c0 = load_chunk(x0, c);
        a0_0 += chunk_dot(b0, c, c0);
        a1_0 += chunk_dot(b1, c, c0);
        a2_0 += chunk_dot(b2, c, c0);
        a3_0 += chunk_dot(b3, c, c0);
        let c1 = load_chunk(x1, c);
        a0_1 += chunk_dot(b0, c, c1);
        a1_1 += chunk_dot(b1, c, c1);
        a2_1 += chunk_dot(b2, c, c1);
        a3_1 += chunk_dot(b3, c, c1);
        let c2 = load_chunk(x2, c);
        a0_2 += chunk_dot(b0, c, c2);
        a1_2 += chunk_dot(b1, c, c2);
        a2_2 += chunk_dot(b2, c, c2);
        a3_2 += chunk_dot(b3, c, c2);
        let c3 = load_chunk(x3, c);
        a0_3 += chunk_dot(b0, c, c3);
        a1_3 += chunk_dot(b1, c, c3);
        a2_3 += chunk_dot(b2, c, c3);
        a3_3 += chunk_dot(b3, c, c3);
    }
#endif
    let acc = array<f32, 16>(a0_0, a1_0, a2_0, a3_0, a0_1, a1_1, a2_1, a3_1,
                             a0_2, a1_2, a2_2, a3_2, a0_3, a1_3, a2_3, a3_3);
    for (var i = 0u; i < ROWS * TOKENS; i++) {
        store(r0 + i % ROWS, t0 + i / ROWS, acc[i]);
    }
}
