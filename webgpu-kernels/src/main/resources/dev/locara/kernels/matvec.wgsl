// Matrix-vector product for one token, weights of any type (quant.wgsl):
// y[pos * pos_stride + first_row + r] (+)= dot(W[r, :], x) for the rows r < rows of this binding.
// W is row-major as GGUF stores it (ne0 = cols contiguous), rows packed (PackedLayout), row_words
// words apart. A tensor larger than one binding is split by rows: one binding and one dispatch per
// split, first_row placing the split's rows in y.
//
// Why it is shaped this way (the figures behind each choice are in BENCHMARKS.md). For one token
// every weight is read once and used once, so the kernel is bound by memory on a GPU and by loads
// and instructions per weight on SwiftShader (a CPU emulation; bench/…/KernelRun.java times it):
// - ROWS (8) rows per invocation share each activation chunk (32 values and its sums, loaded once,
//   quant.wgsl's Chunk), and quant.wgsl's chunk_dot takes the dot product without writing the
//   dequantized weights anywhere. The rows are named variables, not an array: SwiftShader spills
//   arrays indexed at run time to memory. Twice the rows of 4 doubled the rate; 16 gained nothing
//   and leave too few invocations for small matrices.
// - K-quant rows are walked in the groups of chunks that share quant words: Q4_K and Q5_K two at a
//   time (pair_dot), Q6_K four (quad_dot). Other types walk one chunk at a time: pairing them was
//   slower.
// - With COOPERATIVE (GPUs; MatVecKernel decides per adapter), SPLIT invocations share one group
//   of rows: invocation `lane` takes chunks (or pairs) lane, lane + SPLIT, ..., so neighbouring invocations
//   read neighbouring blocks (coalesced), and the SPLIT partial sums meet once in workgroup memory
//   at the end. Without it (SwiftShader) each invocation owns its rows and walks them whole: no
//   workgroup memory, no barrier, and a plain loop (a loop strided by SPLIT, even SPLIT = 1, is
//   slower there).
// - `accumulate` adds into y (the residual stream) so no add dispatch is needed; pos_stride lets
//   K and V projections write straight into the KV cache.
// The architecture switches ride on the same pass: w_offset starts the rows at a word offset of the
// binding, so Phi-3's fused attn_qkv and gate-up ffn_up run as row ranges of one buffer (a binding
// offset would need 256-byte alignment, which quantized rows do not have); bias != 0 adds the bias
// of the row (Qwen2's q/k/v) before the store, and softcap > 0 stores cap * tanh(y / cap) (Gemma 2's
// final logits), so neither needs a dispatch of its own.
// Fused projections: a dispatch costs its own fixed time, so projections that read the same input
// run as one where their rows share a buffer and a type (GpuWeights stacks them so, as Phi-3's
// files already do):
// - Segments (q, k and v): rows [0, seg1) go to y as above, [seg1, seg2) to y1 and the rest to y2,
//   each at this position's row of its own output (stride1, stride2: k and v straight into the KV
//   cache) with its own bias. A plain projection has seg1 = seg2 = rows; q and k alone (where v's
//   type differs, as in Q4_K_M's Q6_K layers) have seg2 = rows.
// - glu != 0 (gate, up and the activation): an invocation takes 4 gate rows in a0..a3 and the same
//   4 up rows, up_words further on, in a4..a7, shares each activation chunk among all eight as
//   usual, and stores act(gate) * up (glu.wgsl), never writing the projections themselves.
// - With NORM (GPUs; MatVecKernel decides per adapter) and norm != 0, x is the residual stream and
//   the kernel applies the RMSNorm before it (norm_w its weights): each invocation scales its
//   activation chunks by norm_w and sums their squares as it loads them, the sums meet with the
//   rows' partial sums, and each row's dot product is scaled by 1 / sqrt(mean + eps) at the end
//   (the norm's scale is one factor per token, so it can come after the dot product). A layer then
//   needs no norm dispatch before its q-k-v and its gate-up projections, nor the head before the
//   logits: 2 dispatches per layer fewer, each a single small workgroup whose launch and barrier a
//   GPU pays in full. On SwiftShader every invocation's loads of the whole activation and the norm
//   weights are CPU work: there the fusion slows the products by more than the dispatch it saves,
//   so CPU-emulated adapters keep rmsnorm.wgsl.
// These, and the bias, are chosen by the uniform, not by defines: one pipeline per weight type
// serves every projection, because on SwiftShader each extra variant costs up to a second of
// compiling at load, and on a GPU a branch on a uniform costs nothing per weight.
// Compiling is also why the rows are stored in a loop over an array at the end, not by eight
// inlined stores: each store's segment, bias, cap and accumulate branches are code that SwiftShader
// compiles per copy; the loop halves the compile at no measurable cost per token.
#include "quant.wgsl"
#include "glu.wgsl"

struct Params { rows: u32, cols: u32, row_words: u32, first_row: u32, accumulate: u32, pos_stride: u32, w_offset: u32, softcap: f32,
                up_words: u32, gelu: u32, seg1: u32, seg2: u32, stride1: u32, stride2: u32, glu: u32, norm: u32,
                eps: f32, bias: u32, _p1: u32, _p2: u32 }
struct Token { pos: u32, id: u32, _p1: u32, _p2: u32 }

override WG: u32 = 64u;
// Invocations per group of rows with COOPERATIVE (divides WG); MatVecKernel picks it.
override SPLIT: u32 = 1u;
// Rows per invocation; MatVecKernel.ROWS must match.
const ROWS: u32 = 8u;
// Output rows per invocation with glu (each needs a gate row and an up row); MatVecKernel.GLU_ROWS must match.
const GLU_ROWS: u32 = 4u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<uniform> tok: Token;
@group(0) @binding(2) var<storage, read> w: array<u32>;
@group(0) @binding(3) var<storage, read> x: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;
// The second and third segments' outputs (4-byte stand-ins, never written, where there are none).
@group(0) @binding(5) var<storage, read_write> y1: array<f32>;
@group(0) @binding(6) var<storage, read_write> y2: array<f32>;
// With p.bias != 0 the segments' biases (a stand-in, never read, where there are none).
@group(0) @binding(7) var<storage, read> bias: array<f32>; // [rows of the whole view] of the first segment
@group(0) @binding(8) var<storage, read> bias1: array<f32>;
@group(0) @binding(9) var<storage, read> bias2: array<f32>;

#if NORM
@group(0) @binding(10) var<storage, read> norm_w: array<vec4<f32>>; // [cols / 4] (a stand-in where p.norm == 0)
// This invocation's sum of the squares of the activation values it loaded (with norm != 0).
var<private> squares: f32;
#endif

#if COOPERATIVE
// Partial sums of the invocations sharing rows: [row][invocation], and with NORM their sums of squares after them.
#if NORM
var<workgroup> partial: array<f32, (ROWS + 1u) * WG>;
#else
var<workgroup> partial: array<f32, ROWS * WG>;
#endif
#endif

// cap * tanh(v / cap); the argument is clamped because tanh of a large f32 may overflow to NaN in
// implementations that compute it from exponentials.
fn soft_cap(v: f32, cap: f32) -> f32 {
    return cap * tanh(clamp(v / cap, -15.0, 15.0));
}

// Chunk c of the activation, as chunk_dot takes it (make_chunk).
fn load_chunk(c: u32) -> Chunk {
    let i = c * 8u;
#if NORM
    if (p.norm != 0u) {
        return load_normed_chunk(i);
    }
#endif
    let v0 = x[i]; let v1 = x[i + 1u]; let v2 = x[i + 2u]; let v3 = x[i + 3u];
    let v4 = x[i + 4u]; let v5 = x[i + 5u]; let v6 = x[i + 6u]; let v7 = x[i + 7u];
    return make_chunk(v0, v1, v2, v3, v4, v5, v6, v7);
}

#if NORM
// The chunk at vec4 i times the norm's weights, its squares added to this invocation's.
fn load_normed_chunk(i: u32) -> Chunk {
    let v0 = x[i]; let v1 = x[i + 1u]; let v2 = x[i + 2u]; let v3 = x[i + 3u];
    let v4 = x[i + 4u]; let v5 = x[i + 5u]; let v6 = x[i + 6u]; let v7 = x[i + 7u];
    squares += ((dot(v0, v0) + dot(v1, v1)) + (dot(v2, v2) + dot(v3, v3)))
             + ((dot(v4, v4) + dot(v5, v5)) + (dot(v6, v6) + dot(v7, v7)));
    return make_chunk(v0 * norm_w[i], v1 * norm_w[i + 1u], v2 * norm_w[i + 2u], v3 * norm_w[i + 3u],
                      v4 * norm_w[i + 4u], v5 * norm_w[i + 5u], v6 * norm_w[i + 6u], v7 * norm_w[i + 7u]);
}
#endif

// The tail of rows that are not whole chunks (F32/F16/BF16 only): values k0.. of one row.
fn tail_dot(row: u32, k0: u32) -> f32 {
    var a = 0.0;
    for (var k = k0; k < p.cols; k++) {
        a += value_at(row, k) * input_at(k);
    }
    return a;
}

// Activation value k as the dot products take it: with norm != 0, times its norm weight.
fn input_at(k: u32) -> f32 {
#if NORM
    if (p.norm != 0u) {
        return x[k / 4u][k % 4u] * norm_w[k / 4u][k % 4u];
    }
#endif
    return x[k / 4u][k % 4u];
}

// y[o] = act(gate) * up for output row r (GLU).
fn store_glu(r: u32, o: u32, g: f32, u: f32) {
    if (r < p.rows) {
        y[o] = glu(g, u, p.gelu != 0u);
    }
}

// Row r to its segment's output, at this position's row of it.
fn store_row(r: u32, value: f32) {
    if (r >= p.rows) {
        return; // past the end: the row was recomputed from the last one, not written
    }
    if (r < p.seg1) {
        store(r, tok.pos * p.pos_stride + p.first_row + r, value);
    } else if (r < p.seg2) {
        var v = value;
        if (p.bias != 0u) {
            v += bias1[r - p.seg1];
        }
        y1[tok.pos * p.stride1 + r - p.seg1] = v;
    } else {
        var v = value;
        if (p.bias != 0u) {
            v += bias2[r - p.seg2];
        }
        y2[tok.pos * p.stride2 + r - p.seg2] = v;
    }
}

fn store(r: u32, o: u32, value: f32) {
    var v = value;
    if (p.bias != 0u) {
        v += bias[p.first_row + r];
    }
    if (p.softcap > 0.0) {
        v = soft_cap(v, p.softcap);
    }
    if (p.accumulate != 0u) {
        y[o] += v;
    } else {
        y[o] = v;
    }
}

#if COOPERATIVE
// Adds the other invocations' partial sums of the same rows (SPLIT > 1), in workgroup memory.
fn reduce(lid: u32, r: u32, a: f32) -> f32 {
    let lane = lid % SPLIT;
    let first = lid - lane;
    var sum = a;
    for (var i = 1u; i < SPLIT; i++) {
        sum += partial[r * WG + first + i];
    }
    return sum;
}
#endif

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    // With COOPERATIVE no early return: every invocation reaches the barrier, and rows past the end
    // recompute the last row and are not stored. Without it, invocations past the end have nothing
    // to do and leave.
    let lane = lid % SPLIT;
    let glu = p.glu != 0u;
    let r0 = (gid.x / SPLIT) * select(ROWS, GLU_ROWS, glu);
#if COOPERATIVE
#else
    if (r0 >= p.rows) {
        return;
    }
#endif
    let last = p.rows - 1u;
    let b0 = p.w_offset + min(r0 + 0u, last) * p.row_words;
    let b1 = p.w_offset + min(r0 + 1u, last) * p.row_words;
    let b2 = p.w_offset + min(r0 + 2u, last) * p.row_words;
    let b3 = p.w_offset + min(r0 + 3u, last) * p.row_words;
    // With glu, the same rows of up.
    let b4 = select(p.w_offset + min(r0 + 4u, last) * p.row_words, p.up_words + b0, glu);
    let b5 = select(p.w_offset + min(r0 + 5u, last) * p.row_words, p.up_words + b1, glu);
    let b6 = select(p.w_offset + min(r0 + 6u, last) * p.row_words, p.up_words + b2, glu);
    let b7 = select(p.w_offset + min(r0 + 7u, last) * p.row_words, p.up_words + b3, glu);
    var a0 = 0.0;
    var a1 = 0.0;
    var a2 = 0.0;
    var a3 = 0.0;
    var a4 = 0.0;
    var a5 = 0.0;
    var a6 = 0.0;
    var a7 = 0.0;
    let chunks = p.cols / 32u;
#if TYPE_Q6_K
    // Chunks in fours (quant.wgsl's quad_dot): a Q6_K row has a multiple of 8 chunks.
#if COOPERATIVE
    for (var c = 4u * lane; c < chunks; c += 4u * SPLIT) {
#else
    for (var c = 0u; c < chunks; c += 4u) {
#endif
        let x0 = load_chunk(c);
        let x1 = load_chunk(c + 1u);
        let x2 = load_chunk(c + 2u);
        let x3 = load_chunk(c + 3u);
        a0 += quad_dot(b0, c, x0, x1, x2, x3);
        a1 += quad_dot(b1, c, x0, x1, x2, x3);
        a2 += quad_dot(b2, c, x0, x1, x2, x3);
        a3 += quad_dot(b3, c, x0, x1, x2, x3);
        a4 += quad_dot(b4, c, x0, x1, x2, x3);
        a5 += quad_dot(b5, c, x0, x1, x2, x3);
        a6 += quad_dot(b6, c, x0, x1, x2, x3);
        a7 += quad_dot(b7, c, x0, x1, x2, x3);
    }
#elif TYPE_Q4_K || TYPE_Q5_K
    // Chunks in pairs (quant.wgsl's pair_dot): a K-quant row has a multiple of 8 chunks.
#if COOPERATIVE
    for (var c = 2u * lane; c < chunks; c += 2u * SPLIT) {
#else
    for (var c = 0u; c < chunks; c += 2u) {
#endif
        let xc = load_chunk(c);
        let zc = load_chunk(c + 1u);
        a0 += pair_dot(b0, c, xc, zc);
        a1 += pair_dot(b1, c, xc, zc);
        a2 += pair_dot(b2, c, xc, zc);
        a3 += pair_dot(b3, c, xc, zc);
        a4 += pair_dot(b4, c, xc, zc);
        a5 += pair_dot(b5, c, xc, zc);
        a6 += pair_dot(b6, c, xc, zc);
        a7 += pair_dot(b7, c, xc, zc);
    }
#else
#if COOPERATIVE
    for (var c = lane; c < chunks; c += SPLIT) {
#else
    for (var c = 0u; c < chunks; c++) {
#endif
        let xc = load_chunk(c);
        a0 += chunk_dot(b0, c, xc);
        a1 += chunk_dot(b1, c, xc);
        a2 += chunk_dot(b2, c, xc);
        a3 += chunk_dot(b3, c, xc);
        a4 += chunk_dot(b4, c, xc);
        a5 += chunk_dot(b5, c, xc);
        a6 += chunk_dot(b6, c, xc);
        a7 += chunk_dot(b7, c, xc);
    }
#endif
#if NORM
    // The tail's squares count once per group of rows, in lane 0 as its dot products.
    if (p.norm != 0u && lane == 0u) {
        for (var k = chunks * 32u; k < p.cols; k++) {
            let v = x[k / 4u][k % 4u];
            squares += v * v;
        }
    }
#endif
    if (lane == 0u && r0 < p.rows && chunks * 32u < p.cols) {
        a0 += tail_dot(b0, chunks * 32u);
        a1 += tail_dot(b1, chunks * 32u);
        a2 += tail_dot(b2, chunks * 32u);
        a3 += tail_dot(b3, chunks * 32u);
        a4 += tail_dot(b4, chunks * 32u);
        a5 += tail_dot(b5, chunks * 32u);
        a6 += tail_dot(b6, chunks * 32u);
        a7 += tail_dot(b7, chunks * 32u);
    }
#if COOPERATIVE
    {
        partial[0u * WG + lid] = a0;
        partial[1u * WG + lid] = a1;
        partial[2u * WG + lid] = a2;
        partial[3u * WG + lid] = a3;
        partial[4u * WG + lid] = a4;
        partial[5u * WG + lid] = a5;
        partial[6u * WG + lid] = a6;
        partial[7u * WG + lid] = a7;
#if NORM
        partial[ROWS * WG + lid] = squares;
#endif
        workgroupBarrier();
#if NORM
        squares = reduce(lid, ROWS, squares);
#endif
        a0 = reduce(lid, 0u, a0);
        a1 = reduce(lid, 1u, a1);
        a2 = reduce(lid, 2u, a2);
        a3 = reduce(lid, 3u, a3);
        a4 = reduce(lid, 4u, a4);
        a5 = reduce(lid, 5u, a5);
        a6 = reduce(lid, 6u, a6);
        a7 = reduce(lid, 7u, a7);
    }
#endif
    if (lane != 0u || r0 >= p.rows) {
        return;
    }
#if NORM
    if (p.norm != 0u) {
        // rmsnorm.wgsl's scale, here after the dot products.
        let scale = 1.0 / sqrt(squares / f32(p.cols) + p.eps);
        a0 *= scale; a1 *= scale; a2 *= scale; a3 *= scale;
        a4 *= scale; a5 *= scale; a6 *= scale; a7 *= scale;
    }
#endif
    let acc = array<f32, 8>(a0, a1, a2, a3, a4, a5, a6, a7);
    if (glu) {
        let o = p.first_row + r0;
        for (var i = 0u; i < GLU_ROWS; i++) {
            store_glu(r0 + i, o + i, acc[i], acc[i + 4u]);
        }
        return;
    }
    for (var i = 0u; i < ROWS; i++) {
        store_row(r0 + i, acc[i]);
    }
}
