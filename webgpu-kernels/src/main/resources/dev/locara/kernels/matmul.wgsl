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
//
// Float rows of whole groups of 8 values (ROW_VEC4, chosen by MatMulKernel.spec) bind the weights
// as vec4s of words, so that one load brings 8 halves (F16, BF16) or 4 floats: on SwiftShader each
// load is a bounds-checked memory access, and the word-by-word loads of the scalar path, not the
// f16 unpacking, were what made an F16 encoder (bge-small) slow. Other widths keep the scalar path.

struct Params { rows: u32, cols: u32, row_words: u32, first_row: u32, tokens: u32, y_stride: u32, accumulate: u32, w_offset: u32,
                bias: u32, _p0: u32, _p1: u32, _p2: u32 }

override WG: u32 = 64u;
// Tile shape; MatMulKernel.ROWS and TOKENS must match.
const ROWS: u32 = 4u;
const TOKENS: u32 = 4u;

@group(0) @binding(0) var<uniform> p: Params;
#if ROW_VEC4
@group(0) @binding(1) var<storage, read> w: array<vec4<u32>>; // float rows of whole vec4s of words (MatMulKernel.spec)
#else
#include "quant.wgsl"
@group(0) @binding(1) var<storage, read> w: array<u32>;
#endif
@group(0) @binding(2) var<storage, read> x: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;
@group(0) @binding(4) var<storage, read> bias: array<f32>; // [rows of the whole view]; a 4-byte stand-in, never read, with p.bias == 0

#if ROW_VEC4
// Eight values of a float row from its vec4 of words at i: F32 takes two, F16 and BF16 one.
struct Eight { lo: vec4<f32>, hi: vec4<f32> }
#if TYPE_F32
fn eight(i: u32) -> Eight { return Eight(bitcast<vec4<f32>>(w[i]), bitcast<vec4<f32>>(w[i + 1u])); }
const STEP_WORDS: u32 = 2u;
#elif TYPE_F16
fn eight(i: u32) -> Eight {
    let u = w[i];
    return Eight(vec4<f32>(unpack2x16float(u.x), unpack2x16float(u.y)), vec4<f32>(unpack2x16float(u.z), unpack2x16float(u.w)));
}
const STEP_WORDS: u32 = 1u;
#else
fn bf16_pair(u: u32) -> vec2<f32> { return vec2<f32>(bitcast<f32>(u << 16u), bitcast<f32>(u & 0xFFFF0000u)); }
fn eight(i: u32) -> Eight {
    let u = w[i];
    return Eight(vec4<f32>(bf16_pair(u.x), bf16_pair(u.y)), vec4<f32>(bf16_pair(u.z), bf16_pair(u.w)));
}
const STEP_WORDS: u32 = 1u;
#endif
fn dot8(a: Eight, i: u32) -> f32 { return dot(a.lo, x[i]) + dot(a.hi, x[i + 1u]); }
#else
// Chunk c of the activation row starting at vec4 `row`, as chunk_dot takes it (make_chunk).
fn load_chunk(row: u32, c: u32) -> Chunk {
    let i = row + c * 8u;
    let v0 = x[i]; let v1 = x[i + 1u]; let v2 = x[i + 2u]; let v3 = x[i + 3u];
    let v4 = x[i + 4u]; let v5 = x[i + 5u]; let v6 = x[i + 6u]; let v7 = x[i + 7u];
    return make_chunk(v0, v1, v2, v3, v4, v5, v6, v7);
}
#endif

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
#if ROW_VEC4
    // Float weights: 8 values of each row per step, loaded as whole vec4s of words (F16: one load
    // for 8 halves), each used for the tile's 4 tokens and each token's 8 values for its 4 rows.
    let r0w = b0 / 4u;
    let r1w = b1 / 4u;
    let r2w = b2 / 4u;
    let r3w = b3 / 4u;
    for (var k = 0u; k < p.cols / 8u; k++) {
        let w0 = eight(r0w + k * STEP_WORDS);
        let w1 = eight(r1w + k * STEP_WORDS);
        let w2 = eight(r2w + k * STEP_WORDS);
        let w3 = eight(r3w + k * STEP_WORDS);
        let i0 = x0 + 2u * k;
        a0_0 += dot8(w0, i0);
        a1_0 += dot8(w1, i0);
        a2_0 += dot8(w2, i0);
        a3_0 += dot8(w3, i0);
        let i1 = x1 + 2u * k;
        a0_1 += dot8(w0, i1);
        a1_1 += dot8(w1, i1);
        a2_1 += dot8(w2, i1);
        a3_1 += dot8(w3, i1);
        let i2 = x2 + 2u * k;
        a0_2 += dot8(w0, i2);
        a1_2 += dot8(w1, i2);
        a2_2 += dot8(w2, i2);
        a3_2 += dot8(w3, i2);
        let i3 = x3 + 2u * k;
        a0_3 += dot8(w0, i3);
        a1_3 += dot8(w1, i3);
        a2_3 += dot8(w2, i3);
        a3_3 += dot8(w3, i3);
    }
#elif TYPE_F32 || TYPE_F16 || TYPE_BF16
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
