// One chunk (32 consecutive values of a row) for each weight type, included by the kernels that
// read weights, which declare `w: array<u32>` holding the packed rows (PackedLayout: blocks of
// Q4_0, Q5_0, Q8_0 and Q6_K padded to whole words, Q4_K and Q5_K scales unpacked to bytes, at load
// time). The including file selects one type with its TYPE_* define. Three ways in:
// - chunk_values(row, c): the 32 values as 8 x vec4<f32>, for the embedding lookups (embed.wgsl,
//   embed_batch.wgsl), which copy a row out.
// - chunk_dot(row, c, x), and for the K-quants' chunks that share quant words pair_dot (Q4_K,
//   Q5_K) and quad_dot (Q6_K), further down: the dot product with an activation chunk without
//   writing the values anywhere, for the matrix kernels (matvec.wgsl, matmul.wgsl); their comment
//   says why.
// - quad(row, k), float types only: values 4k..4k + 3 of a row, which matmul.wgsl's float tiles
//   walk (chunk_values reads a float chunk as 8 quads too; chunk_dot spells its loads out, which
//   is a little faster for F32 on SwiftShader).
//
// chunk_values folds scales so that a 4- or 8-bit group becomes floats in one unpack4x8unorm
// (value / 255, the 1/255 folded into the scale: at most an ulp or two against ggml's `d * q`) and
// sign-extends Q8_0's bytes with shifts (unpack4x8snorm clamps -128). chunk_dot reads its small
// integers in place instead (`in_place`, below).
//
// BLOCK_WORDS: u32 words per packed block. value_at(row, k) reads
// one value, for the tail of rows that are not whole chunks (only F32, F16 and BF16 allow those,
// with a width that is a multiple of 4: small models such as stories260K have 172-wide rows).

fn nibbles_lo(q: u32) -> vec4<f32> { return unpack4x8unorm(q & 0x0F0F0F0Fu); }
fn nibbles_hi(q: u32) -> vec4<f32> { return unpack4x8unorm((q >> 4u) & 0x0F0F0F0Fu); }
fn half_lo(word: u32) -> f32 { return unpack2x16float(word).x; }

#if TYPE_Q5_0 || TYPE_Q5_1
// Four bits of qh (one per value) moved to bit 4 of each of four bytes.
fn spread4(h: u32) -> u32 {
    return ((h & 1u) << 4u) | ((h & 2u) << 11u) | ((h & 4u) << 18u) | ((h & 8u) << 25u);
}
#endif

#if TYPE_Q4_K || TYPE_Q5_K
// Scale and min of sub-block j: PackedLayout unpacked them to bytes at load (sc[8] at word 1,
// m[8] at word 3 of the block), so this is two loads, shifts and masks, for every row and chunk.
fn scale_min_k(b: u32, j: u32) -> vec2<f32> {
    let shift = 8u * (j % 4u);
    return vec2<f32>(f32((w[b + 1u + j / 4u] >> shift) & 0xFFu), f32((w[b + 3u + j / 4u] >> shift) & 0xFFu));
}
#endif

#if TYPE_F32
// 32 floats.
const BLOCK_WORDS: u32 = 32u;
fn value_at(row: u32, k: u32) -> f32 { return bitcast<f32>(w[row + k]); }
fn quad(row: u32, k: u32) -> vec4<f32> {
    let i = row + 4u * k;
    return bitcast<vec4<f32>>(vec4<u32>(w[i], w[i + 1u], w[i + 2u], w[i + 3u]));
}
#elif TYPE_F16
// 32 halves, two per word.
const BLOCK_WORDS: u32 = 16u;
fn value_at(row: u32, k: u32) -> f32 { return unpack2x16float(w[row + k / 2u])[k % 2u]; }
fn quad(row: u32, k: u32) -> vec4<f32> { return vec4<f32>(unpack2x16float(w[row + 2u * k]), unpack2x16float(w[row + 2u * k + 1u])); }
#elif TYPE_BF16
// 32 bfloat16, two per word: a value is its 16 bits as the top of an f32.
const BLOCK_WORDS: u32 = 16u;
fn bf16_pair(u: u32) -> vec2<f32> { return vec2<f32>(bitcast<f32>(u << 16u), bitcast<f32>(u & 0xFFFF0000u)); }
fn value_at(row: u32, k: u32) -> f32 { return bf16_pair(w[row + k / 2u])[k % 2u]; }
fn quad(row: u32, k: u32) -> vec4<f32> { return vec4<f32>(bf16_pair(w[row + 2u * k]), bf16_pair(w[row + 2u * k + 1u])); }
#elif TYPE_Q4_0
// Packed block: word 0 = d (f16, low half); words 1..4 = qs[16]. Value j < 16 is the low nibble of
// qs[j], value j + 16 its high nibble; x = (q - 8) * d.
const BLOCK_WORDS: u32 = 5u;
fn chunk_values(row: u32, c: u32) -> array<vec4<f32>, 8> {
    let b = row + c * BLOCK_WORDS;
    let d = half_lo(w[b]);
    let ds = d * 255.0;
    let m = -8.0 * d;
    var v: array<vec4<f32>, 8>;
    for (var i = 0u; i < 4u; i++) {
        let q = w[b + 1u + i];
        v[i] = nibbles_lo(q) * ds + m;
        v[i + 4u] = nibbles_hi(q) * ds + m;
    }
    return v;
}
#elif TYPE_Q4_1
// Block: word 0 = d, m (f16 pair); words 1..4 = qs[16], nibbles as Q4_0; x = q * d + m.
const BLOCK_WORDS: u32 = 5u;
fn chunk_values(row: u32, c: u32) -> array<vec4<f32>, 8> {
    let b = row + c * BLOCK_WORDS;
    let dm = unpack2x16float(w[b]);
    let ds = dm.x * 255.0;
    var v: array<vec4<f32>, 8>;
    for (var i = 0u; i < 4u; i++) {
        let q = w[b + 1u + i];
        v[i] = nibbles_lo(q) * ds + dm.y;
        v[i + 4u] = nibbles_hi(q) * ds + dm.y;
    }
    return v;
}
#elif TYPE_Q5_0
// Packed block: word 0 = d; word 1 = qh (bit j is the fifth bit of value j); words 2..5 = qs[16]
// as Q4_0; x = (q - 16) * d.
const BLOCK_WORDS: u32 = 6u;
fn chunk_values(row: u32, c: u32) -> array<vec4<f32>, 8> {
    let b = row + c * BLOCK_WORDS;
    let d = half_lo(w[b]);
    let qh = w[b + 1u];
    let ds = d * 255.0;
    let m = -16.0 * d;
    var v: array<vec4<f32>, 8>;
    for (var i = 0u; i < 4u; i++) {
        let q = w[b + 2u + i];
        v[i] = unpack4x8unorm((q & 0x0F0F0F0Fu) | spread4(qh >> (4u * i))) * ds + m;
        v[i + 4u] = unpack4x8unorm(((q >> 4u) & 0x0F0F0F0Fu) | spread4(qh >> (16u + 4u * i))) * ds + m;
    }
    return v;
}
#elif TYPE_Q5_1
// Block: word 0 = d, m; word 1 = qh; words 2..5 = qs[16]; x = q * d + m.
const BLOCK_WORDS: u32 = 6u;
fn chunk_values(row: u32, c: u32) -> array<vec4<f32>, 8> {
    let b = row + c * BLOCK_WORDS;
    let dm = unpack2x16float(w[b]);
    let qh = w[b + 1u];
    let ds = dm.x * 255.0;
    var v: array<vec4<f32>, 8>;
    for (var i = 0u; i < 4u; i++) {
        let q = w[b + 2u + i];
        v[i] = unpack4x8unorm((q & 0x0F0F0F0Fu) | spread4(qh >> (4u * i))) * ds + dm.y;
        v[i + 4u] = unpack4x8unorm(((q >> 4u) & 0x0F0F0F0Fu) | spread4(qh >> (16u + 4u * i))) * ds + dm.y;
    }
    return v;
}
#elif TYPE_Q8_0
// Packed block: word 0 = d; words 1..8 = qs[32] as signed bytes; x = q * d.
const BLOCK_WORDS: u32 = 9u;
fn chunk_values(row: u32, c: u32) -> array<vec4<f32>, 8> {
    let b = row + c * BLOCK_WORDS;
    let d = half_lo(w[b]);
    var v: array<vec4<f32>, 8>;
    for (var i = 0u; i < 8u; i++) {
        let q = w[b + 1u + i];
        let s = bitcast<vec4<i32>>(vec4<u32>(q << 24u, q << 16u, q << 8u, q)) >> vec4<u32>(24u);
        v[i] = vec4<f32>(s) * d;
    }
    return v;
}
#elif TYPE_Q4_K || TYPE_Q5_K
// Packed block of 256: word 0 = d, dmin; words 1..2 = sc[8], 3..4 = m[8] (one byte each, unpacked
// at load); then Q4_K: words 5..36 = qs[128]; Q5_K: words 5..12 = qh[32] (bit s of qh[l] is the
// fifth bit of value l of sub-block s), words 13..44 = qs[128]. Sub-block s (32 values) is the
// low (s even) or high nibbles of qs[32 * (s / 2)..]; x = d * sc[s] * q - dmin * m[s].
#if TYPE_Q4_K
const BLOCK_WORDS: u32 = 37u;
const QS_WORD: u32 = 5u;
#else
const BLOCK_WORDS: u32 = 45u;
const QS_WORD: u32 = 13u;
#endif
fn chunk_values(row: u32, c: u32) -> array<vec4<f32>, 8> {
    let b = row + (c / 8u) * BLOCK_WORDS;
    let s = c % 8u;
    let dm = unpack2x16float(w[b]);
    let sm = scale_min_k(b, s);
    let ds = dm.x * sm.x * 255.0;
    let m = -dm.y * sm.y;
    let shift = 4u * (s % 2u);
    let qs = b + QS_WORD + 8u * (s / 2u);
    var v: array<vec4<f32>, 8>;
    for (var i = 0u; i < 8u; i++) {
        var q = (w[qs + i] >> shift) & 0x0F0F0F0Fu;
#if TYPE_Q5_K
        q |= ((w[b + 5u + i] >> s) & 0x01010101u) << 4u;
#endif
        v[i] = unpack4x8unorm(q) * ds + m;
    }
    return v;
}
#elif TYPE_Q6_K
// Packed block of 256 (210 bytes + 2 of padding): words 0..31 = ql[128] (low 4 bits), 32..47 =
// qh[64] (high 2 bits), 48..51 = 16 signed 8-bit scales, 52 = d. Each half of 128 values uses 64
// bytes of ql and 32 of qh: quarter k of the half takes nibble k / 2 of ql[32 * (k % 2) + l] and
// bits 2k, 2k+1 of qh[l]; scale sc[8 * half + 2k + l / 16]; x = d * sc * (q - 32).
const BLOCK_WORDS: u32 = 53u;
fn scale_i8(at: u32, k: u32) -> f32 {
    return f32(bitcast<i32>(w[at + k / 4u] << (24u - 8u * (k % 4u))) >> 24u);
}
fn chunk_values(row: u32, c: u32) -> array<vec4<f32>, 8> {
    let b = row + (c / 8u) * BLOCK_WORDS;
    let part = (c % 8u) / 4u; // which 128-value half
    let k = c % 4u;
    let d = half_lo(w[b + 52u]);
    let sc = 8u * part + 2u * k;
    let d0 = d * scale_i8(b + 48u, sc);
    let d1 = d * scale_i8(b + 48u, sc + 1u);
    let ql = b + 16u * part + 8u * (k % 2u);
    let qh = b + 32u + 8u * part;
    let lshift = 4u * (k / 2u);
    let hshift = 2u * k;
    var v: array<vec4<f32>, 8>;
    for (var i = 0u; i < 8u; i++) {
        let q = ((w[ql + i] >> lshift) & 0x0F0F0F0Fu) | (((w[qh + i] >> hshift) & 0x03030303u) << 4u);
        let dd = select(d1, d0, i < 4u);
        v[i] = unpack4x8unorm(q) * (dd * 255.0) - 32.0 * dd;
    }
    return v;
}
#endif

#if TYPE_F32 || TYPE_F16 || TYPE_BF16
// Float types: a chunk is 8 quads (quad(row, k): values 4k..4k + 3 of the row).
fn chunk_values(row: u32, c: u32) -> array<vec4<f32>, 8> {
    var v: array<vec4<f32>, 8>;
    for (var i = 0u; i < 8u; i++) {
        v[i] = quad(row, 8u * c + i);
    }
    return v;
}
#else
// Block types have whole chunks only (PackedLayout refuses other widths).
fn value_at(row: u32, k: u32) -> f32 { return 0.0; }
#endif

// chunk_dot(row, c, x): dot(W[row, chunk c], x) without materializing the 32 weights, for the
// matrix kernels (matvec.wgsl, matmul.wgsl). Each type's values are affine in its small integers
// within a group of 16 or 32 (x = a * q + b), so dot(values, x) = a * dot(q, x) + b * sum(x): the
// per-weight multiply-add of dequantization disappears, and the group's offset costs one
// multiply-add with the chunk's sums (computed once per chunk and shared by every row). Measured
// on SwiftShader, this and the named struct members (no arrays indexed at run time, which it
// spills to memory) doubled matvec.wgsl's speed on Q4_0.
//
// The small integers are read in place. Each type brings four of them into the four bytes of a
// word (Q5's fifth bits and Q6_K's high bits ORed in; Q8_0 flips each byte's sign bit, so that its
// bytes hold q + 128), and `in_place` masks each byte where it lies and converts it: byte k is then
// 256^k times its value (byte 3 is moved down one byte first, so that the i32 stays positive: 2^16
// times). make_chunk multiplies the activation chunk by the inverse, PLACE = (1, 2^-8, 2^-16,
// 2^-16) per vec4, once per chunk for all the rows and tokens that share it. Powers of two scale
// exactly, so each product is q * x as ggml's (short of activations under about 1e-33, whose
// scaled values are subnormal and may flush to zero). Per word that is a shift, four masks and four
// conversions, where unpack4x8unorm shifted, masked, converted and scaled each byte: measured on
// SwiftShader (KernelRun, interleaved), Q4_0's matvec went from 0.38-0.47 to 0.51-0.58 GB/s. High
// nibbles are masked in place too (16 q, HIGH4; one shift fewer per word), the 1/16 folded into
// the scale. On a GPU it is one mask and one conversion per value either way.
struct Chunk { v0: vec4<f32>, v1: vec4<f32>, v2: vec4<f32>, v3: vec4<f32>, v4: vec4<f32>, v5: vec4<f32>, v6: vec4<f32>, v7: vec4<f32>,
               sums: vec2<f32> } // sums: of values 0..15 and 16..31 (unscaled)

const PLACE = vec4<f32>(1.0, 1.0 / 256.0, 1.0 / 65536.0, 1.0 / 65536.0);
const LOW4 = vec4<u32>(0xFu, 0xF00u, 0xF0000u, 0xF0000u);
const HIGH4 = vec4<u32>(0xF0u, 0xF000u, 0xF00000u, 0xF00000u);
const BYTES = vec4<u32>(0xFFu, 0xFF00u, 0xFF0000u, 0xFF0000u);

// The activation chunk v0..v7 (32 values) as chunk_dot takes it: scaled by PLACE for the
// quantized types, with the sums of its halves.
fn make_chunk(v0: vec4<f32>, v1: vec4<f32>, v2: vec4<f32>, v3: vec4<f32>, v4: vec4<f32>, v5: vec4<f32>, v6: vec4<f32>, v7: vec4<f32>) -> Chunk {
    let one = vec4<f32>(1.0);
    let sums = vec2<f32>(dot((v0 + v1) + (v2 + v3), one), dot((v4 + v5) + (v6 + v7), one));
#if TYPE_F32 || TYPE_F16 || TYPE_BF16
    return Chunk(v0, v1, v2, v3, v4, v5, v6, v7, sums);
#else
    return Chunk(v0 * PLACE, v1 * PLACE, v2 * PLACE, v3 * PLACE, v4 * PLACE, v5 * PLACE, v6 * PLACE, v7 * PLACE, sums);
#endif
}

// The bytes of q under mask m (LOW4, HIGH4 or BYTES), each in place, as floats.
fn in_place(q: u32, m: vec4<u32>) -> vec4<f32> {
    return vec4<f32>(bitcast<vec4<i32>>(vec4<u32>(q, q, q, q >> 8u) & m));
}

// dot(in_place(q[i]), v_i) for the eight words of a chunk: the first four under m0 with v0..v3,
// the last four under m1 with v4..v7.
fn dot8(q0: u32, q1: u32, q2: u32, q3: u32, q4: u32, q5: u32, q6: u32, q7: u32, m0: vec4<u32>, m1: vec4<u32>, x: Chunk) -> vec2<f32> {
    return vec2<f32>((dot(in_place(q0, m0), x.v0) + dot(in_place(q1, m0), x.v1))
                   + (dot(in_place(q2, m0), x.v2) + dot(in_place(q3, m0), x.v3)),
                     (dot(in_place(q4, m1), x.v4) + dot(in_place(q5, m1), x.v5))
                   + (dot(in_place(q6, m1), x.v6) + dot(in_place(q7, m1), x.v7)));
}

#if TYPE_F32
fn chunk_dot(row: u32, c: u32, x: Chunk) -> f32 {
    let b = row + c * BLOCK_WORDS;
    return ((dot(bitcast<vec4<f32>>(vec4<u32>(w[b], w[b + 1u], w[b + 2u], w[b + 3u])), x.v0)
           + dot(bitcast<vec4<f32>>(vec4<u32>(w[b + 4u], w[b + 5u], w[b + 6u], w[b + 7u])), x.v1))
          + (dot(bitcast<vec4<f32>>(vec4<u32>(w[b + 8u], w[b + 9u], w[b + 10u], w[b + 11u])), x.v2)
           + dot(bitcast<vec4<f32>>(vec4<u32>(w[b + 12u], w[b + 13u], w[b + 14u], w[b + 15u])), x.v3)))
         + ((dot(bitcast<vec4<f32>>(vec4<u32>(w[b + 16u], w[b + 17u], w[b + 18u], w[b + 19u])), x.v4)
           + dot(bitcast<vec4<f32>>(vec4<u32>(w[b + 20u], w[b + 21u], w[b + 22u], w[b + 23u])), x.v5))
          + (dot(bitcast<vec4<f32>>(vec4<u32>(w[b + 24u], w[b + 25u], w[b + 26u], w[b + 27u])), x.v6)
           + dot(bitcast<vec4<f32>>(vec4<u32>(w[b + 28u], w[b + 29u], w[b + 30u], w[b + 31u])), x.v7)));
}
#elif TYPE_F16
fn halves(a: u32, b: u32) -> vec4<f32> { return vec4<f32>(unpack2x16float(a), unpack2x16float(b)); }
fn chunk_dot(row: u32, c: u32, x: Chunk) -> f32 {
    let b = row + c * BLOCK_WORDS;
    return ((dot(halves(w[b], w[b + 1u]), x.v0) + dot(halves(w[b + 2u], w[b + 3u]), x.v1))
          + (dot(halves(w[b + 4u], w[b + 5u]), x.v2) + dot(halves(w[b + 6u], w[b + 7u]), x.v3)))
         + ((dot(halves(w[b + 8u], w[b + 9u]), x.v4) + dot(halves(w[b + 10u], w[b + 11u]), x.v5))
          + (dot(halves(w[b + 12u], w[b + 13u]), x.v6) + dot(halves(w[b + 14u], w[b + 15u]), x.v7)));
}
#elif TYPE_BF16
fn bf16s(a: u32, b: u32) -> vec4<f32> { return vec4<f32>(bf16_pair(a), bf16_pair(b)); }
fn chunk_dot(row: u32, c: u32, x: Chunk) -> f32 {
    let b = row + c * BLOCK_WORDS;
    return ((dot(bf16s(w[b], w[b + 1u]), x.v0) + dot(bf16s(w[b + 2u], w[b + 3u]), x.v1))
          + (dot(bf16s(w[b + 4u], w[b + 5u]), x.v2) + dot(bf16s(w[b + 6u], w[b + 7u]), x.v3)))
         + ((dot(bf16s(w[b + 8u], w[b + 9u]), x.v4) + dot(bf16s(w[b + 10u], w[b + 11u]), x.v5))
          + (dot(bf16s(w[b + 12u], w[b + 13u]), x.v6) + dot(bf16s(w[b + 14u], w[b + 15u]), x.v7)));
}
#elif TYPE_Q4_0
fn chunk_dot(row: u32, c: u32, x: Chunk) -> f32 {
    let b = row + c * BLOCK_WORDS;
    let d = half_lo(w[b]);
    let q = vec4<u32>(w[b + 1u], w[b + 2u], w[b + 3u], w[b + 4u]);
    let s = dot8(q.x, q.y, q.z, q.w, q.x, q.y, q.z, q.w, LOW4, HIGH4, x); // high nibbles: 16 q
    return d * ((s.x + s.y * 0.0625) - 8.0 * (x.sums.x + x.sums.y));
}
#elif TYPE_Q4_1
fn chunk_dot(row: u32, c: u32, x: Chunk) -> f32 {
    let b = row + c * BLOCK_WORDS;
    let dm = unpack2x16float(w[b]);
    let q = vec4<u32>(w[b + 1u], w[b + 2u], w[b + 3u], w[b + 4u]);
    let s = dot8(q.x, q.y, q.z, q.w, q.x, q.y, q.z, q.w, LOW4, HIGH4, x); // high nibbles: 16 q
    return dm.x * (s.x + s.y * 0.0625) + dm.y * (x.sums.x + x.sums.y);
}
#elif TYPE_Q5_0 || TYPE_Q5_1
fn chunk_dot(row: u32, c: u32, x: Chunk) -> f32 {
    let b = row + c * BLOCK_WORDS;
    let qh = w[b + 1u];
    let q = vec4<u32>(w[b + 2u], w[b + 3u], w[b + 4u], w[b + 5u]);
    let lo = (q & vec4<u32>(0x0F0F0F0Fu))
           | vec4<u32>(spread4(qh), spread4(qh >> 4u), spread4(qh >> 8u), spread4(qh >> 12u));
    let hi = ((q >> vec4<u32>(4u)) & vec4<u32>(0x0F0F0F0Fu))
           | vec4<u32>(spread4(qh >> 16u), spread4(qh >> 20u), spread4(qh >> 24u), spread4(qh >> 28u));
    let s = dot8(lo.x, lo.y, lo.z, lo.w, hi.x, hi.y, hi.z, hi.w, BYTES, BYTES, x);
#if TYPE_Q5_0
    let d = half_lo(w[b]);
    return d * ((s.x + s.y) - 16.0 * (x.sums.x + x.sums.y));
#else
    let dm = unpack2x16float(w[b]);
    return dm.x * (s.x + s.y) + dm.y * (x.sums.x + x.sums.y);
#endif
}
#elif TYPE_Q8_0
fn chunk_dot(row: u32, c: u32, x: Chunk) -> f32 {
    let b = row + c * BLOCK_WORDS;
    let d = half_lo(w[b]);
    let f = vec4<u32>(0x80808080u);
    let q = vec4<u32>(w[b + 1u], w[b + 2u], w[b + 3u], w[b + 4u]) ^ f;
    let r = vec4<u32>(w[b + 5u], w[b + 6u], w[b + 7u], w[b + 8u]) ^ f;
    let s = dot8(q.x, q.y, q.z, q.w, r.x, r.y, r.z, r.w, BYTES, BYTES, x);
    return d * ((s.x + s.y) - 128.0 * (x.sums.x + x.sums.y));
}
#elif TYPE_Q4_K || TYPE_Q5_K
fn chunk_dot(row: u32, c: u32, x: Chunk) -> f32 {
    let b = row + (c / 8u) * BLOCK_WORDS;
    let s = c % 8u;
    let dm = unpack2x16float(w[b]);
    let sm = scale_min_k(b, s);
    let shift = 4u * (s % 2u);
    let at = b + QS_WORD + 8u * (s / 2u);
#if TYPE_Q4_K
    // Odd sub-blocks are the high nibbles, masked in place (16 x q) and scaled by 1/16 below.
    let m = select(LOW4, HIGH4, vec4<bool>(shift != 0u));
    let q = vec4<u32>(w[at], w[at + 1u], w[at + 2u], w[at + 3u]);
    let r = vec4<u32>(w[at + 4u], w[at + 5u], w[at + 6u], w[at + 7u]);
    let unit = select(1.0, 0.0625, shift != 0u);
#else
    let m = BYTES;
    let unit = 1.0;
    let h = b + 5u;
    let q = ((vec4<u32>(w[at], w[at + 1u], w[at + 2u], w[at + 3u]) >> vec4<u32>(shift)) & vec4<u32>(0x0F0F0F0Fu))
          | (((vec4<u32>(w[h], w[h + 1u], w[h + 2u], w[h + 3u]) >> vec4<u32>(s)) & vec4<u32>(0x01010101u)) << vec4<u32>(4u));
    let r = ((vec4<u32>(w[at + 4u], w[at + 5u], w[at + 6u], w[at + 7u]) >> vec4<u32>(shift)) & vec4<u32>(0x0F0F0F0Fu))
          | (((vec4<u32>(w[h + 4u], w[h + 5u], w[h + 6u], w[h + 7u]) >> vec4<u32>(s)) & vec4<u32>(0x01010101u)) << vec4<u32>(4u));
#endif
    let t = dot8(q.x, q.y, q.z, q.w, r.x, r.y, r.z, r.w, m, m, x);
    return dm.x * sm.x * unit * (t.x + t.y) - dm.y * sm.y * (x.sums.x + x.sums.y);
}
#elif TYPE_Q6_K
fn chunk_dot(row: u32, c: u32, x: Chunk) -> f32 {
    let b = row + (c / 8u) * BLOCK_WORDS;
    let part = (c % 8u) / 4u;
    let k = c % 4u;
    let d = half_lo(w[b + 52u]);
    let sc = 8u * part + 2u * k;
    let d0 = d * scale_i8(b + 48u, sc);
    let d1 = d * scale_i8(b + 48u, sc + 1u);
    let ql = b + 16u * part + 8u * (k % 2u);
    let qh = b + 32u + 8u * part;
    let ls = vec4<u32>(4u * (k / 2u));
    let hs = vec4<u32>(2u * k);
    let m4 = vec4<u32>(0x0F0F0F0Fu);
    let m2 = vec4<u32>(0x03030303u);
    let q = ((vec4<u32>(w[ql], w[ql + 1u], w[ql + 2u], w[ql + 3u]) >> ls) & m4)
          | (((vec4<u32>(w[qh], w[qh + 1u], w[qh + 2u], w[qh + 3u]) >> hs) & m2) << vec4<u32>(4u));
    let r = ((vec4<u32>(w[ql + 4u], w[ql + 5u], w[ql + 6u], w[ql + 7u]) >> ls) & m4)
          | (((vec4<u32>(w[qh + 4u], w[qh + 5u], w[qh + 6u], w[qh + 7u]) >> hs) & m2) << vec4<u32>(4u));
    let t = dot8(q.x, q.y, q.z, q.w, r.x, r.y, r.z, r.w, BYTES, BYTES, x);
    return d0 * (t.x - 32.0 * x.sums.x) + d1 * (t.y - 32.0 * x.sums.y);
}
#endif

// pair_dot(row, c, x, z): chunk_dot of chunks c (even) and c + 1 together, for the matrix-vector
// kernel, which walks rows two chunks at a time. A K-quant sub-block pair keeps its 64 quants in
// the same eight words (low nibbles, then high), so reading them once for both chunks halves the
// loads and the block-header decoding (measured on SwiftShader: Q4_K 0.49 -> 0.64 Gweights/s).
// matvec.wgsl pairs chunks for these types only.
#if TYPE_Q4_K || TYPE_Q5_K
fn pair_dot(row: u32, c: u32, x: Chunk, z: Chunk) -> f32 {
    let b = row + (c / 8u) * BLOCK_WORDS;
    let s = c % 8u; // even: sub-blocks s and s + 1
    let dm = unpack2x16float(w[b]);
    // The two sub-blocks' scales, and their mins, are neighbouring bytes of one word: one
    // run-time shift per word, not per byte (Q4_K matvec 0.36 -> 0.41 and 0.36 -> 0.39 GB/s,
    // interleaved, on SwiftShader).
    let sw = w[b + 1u + s / 4u] >> (8u * (s % 4u));
    let mw = w[b + 3u + s / 4u] >> (8u * (s % 4u));
    let sm0 = vec2<f32>(f32(sw & 0xFFu), f32(mw & 0xFFu));
    let sm1 = vec2<f32>(f32((sw >> 8u) & 0xFFu), f32((mw >> 8u) & 0xFFu));
    let at = b + QS_WORD + 8u * (s / 2u);
    let q0 = vec4<u32>(w[at], w[at + 1u], w[at + 2u], w[at + 3u]);
    let q1 = vec4<u32>(w[at + 4u], w[at + 5u], w[at + 6u], w[at + 7u]);
#if TYPE_Q4_K
    // The same words under LOW4, then HIGH4 (16 q), the 1/16 folded into the second sub-block's scale.
    let a0 = q0;
    let a1 = q1;
    let e0 = q0;
    let e1 = q1;
    let m0 = LOW4;
    let m1 = HIGH4;
    let unit = 0.0625;
#else
    let lo = vec4<u32>(0x0F0F0F0Fu);
    let h = b + 5u;
    let h0 = vec4<u32>(w[h], w[h + 1u], w[h + 2u], w[h + 3u]) >> vec4<u32>(s);
    let h1 = vec4<u32>(w[h + 4u], w[h + 5u], w[h + 6u], w[h + 7u]) >> vec4<u32>(s);
    let one = vec4<u32>(0x01010101u);
    let four = vec4<u32>(4u);
    let a0 = (q0 & lo) | ((h0 & one) << four);
    let a1 = (q1 & lo) | ((h1 & one) << four);
    let e0 = ((q0 >> four) & lo) | (((h0 >> vec4<u32>(1u)) & one) << four);
    let e1 = ((q1 >> four) & lo) | (((h1 >> vec4<u32>(1u)) & one) << four);
    let m0 = BYTES;
    let m1 = BYTES;
    let unit = 1.0;
#endif
    let t0 = dot8(a0.x, a0.y, a0.z, a0.w, a1.x, a1.y, a1.z, a1.w, m0, m0, x);
    let t1 = dot8(e0.x, e0.y, e0.z, e0.w, e1.x, e1.y, e1.z, e1.w, m1, m1, z);
    return dm.x * (sm0.x * (t0.x + t0.y) + unit * sm1.x * (t1.x + t1.y))
         - dm.y * (sm0.y * (x.sums.x + x.sums.y) + sm1.y * (z.sums.x + z.sums.y));
}
#endif

// quad_dot(row, c, x0..x3): chunk_dot of chunks c..c + 3 (c a multiple of 4), for the matrix-vector
// kernel: one half of a Q6_K block, whose four chunks share its 8 qh words and, two by two, its 16
// ql words (low nibbles for chunks 0 and 1, high for 2 and 3). Reading them once for the four
// halves the loads and decodes the half's scales once (measured on SwiftShader: Q6_K 0.35 -> 0.45
// Gweights/s).
#if TYPE_Q6_K
fn i8_in(word: u32, k: u32) -> f32 { return f32(bitcast<i32>(word << (24u - 8u * k)) >> 24u); }
fn quad_dot(row: u32, c: u32, x0: Chunk, x1: Chunk, x2: Chunk, x3: Chunk) -> f32 {
    let b = row + (c / 8u) * BLOCK_WORDS;
    let part = (c % 8u) / 4u;
    let d = half_lo(w[b + 52u]);
    let s0 = w[b + 48u + 2u * part]; // the half's 8 signed scales: chunks 0 and 1, then 2 and 3
    let s1 = w[b + 49u + 2u * part];
    let l = b + 16u * part;
    let hq = b + 32u + 8u * part;
    let la = vec4<u32>(w[l], w[l + 1u], w[l + 2u], w[l + 3u]);
    let lb = vec4<u32>(w[l + 4u], w[l + 5u], w[l + 6u], w[l + 7u]);
    let lc = vec4<u32>(w[l + 8u], w[l + 9u], w[l + 10u], w[l + 11u]);
    let ld = vec4<u32>(w[l + 12u], w[l + 13u], w[l + 14u], w[l + 15u]);
    let ha = vec4<u32>(w[hq], w[hq + 1u], w[hq + 2u], w[hq + 3u]);
    let hb = vec4<u32>(w[hq + 4u], w[hq + 5u], w[hq + 6u], w[hq + 7u]);
    // Chunk k takes ql words 8 (k % 2).. shifted by 4 (k / 2), and qh bits 2k, 2k + 1.
    // The two high bits go straight to bits 4 and 5 of each byte, one shift (or none) and a mask:
    // shifting them down and then up, as chunk_dot does with its run-time shifts, measured 15 to
    // 22% slower on SwiftShader (its compiler did not fold the shifts).
    let m4 = vec4<u32>(0x0F0F0F0Fu);
    let m30 = vec4<u32>(0x30303030u);
    let a0 = (la & m4) | ((ha << vec4<u32>(4u)) & m30);
    let e0 = (lb & m4) | ((hb << vec4<u32>(4u)) & m30);
    let a1 = (lc & m4) | ((ha << vec4<u32>(2u)) & m30);
    let e1 = (ld & m4) | ((hb << vec4<u32>(2u)) & m30);
    let a2 = ((la >> vec4<u32>(4u)) & m4) | (ha & m30);
    let e2 = ((lb >> vec4<u32>(4u)) & m4) | (hb & m30);
    let a3 = ((lc >> vec4<u32>(4u)) & m4) | ((ha >> vec4<u32>(2u)) & m30);
    let e3 = ((ld >> vec4<u32>(4u)) & m4) | ((hb >> vec4<u32>(2u)) & m30);
    let t0 = dot8(a0.x, a0.y, a0.z, a0.w, e0.x, e0.y, e0.z, e0.w, BYTES, BYTES, x0);
    let t1 = dot8(a1.x, a1.y, a1.z, a1.w, e1.x, e1.y, e1.z, e1.w, BYTES, BYTES, x1);
    let t2 = dot8(a2.x, a2.y, a2.z, a2.w, e2.x, e2.y, e2.z, e2.w, BYTES, BYTES, x2);
    let t3 = dot8(a3.x, a3.y, a3.z, a3.w, e3.x, e3.y, e3.z, e3.w, BYTES, BYTES, x3);
    let p0 = i8_in(s0, 0u) * (t0.x - 32.0 * x0.sums.x) + i8_in(s0, 1u) * (t0.y - 32.0 * x0.sums.y);
    let p1 = i8_in(s0, 2u) * (t1.x - 32.0 * x1.sums.x) + i8_in(s0, 3u) * (t1.y - 32.0 * x1.sums.y);
    let p2 = i8_in(s1, 0u) * (t2.x - 32.0 * x2.sums.x) + i8_in(s1, 1u) * (t2.y - 32.0 * x2.sums.y);
    let p3 = i8_in(s1, 2u) * (t3.x - 32.0 * x3.sums.x) + i8_in(s1, 3u) * (t3.y - 32.0 * x3.sums.y);
    return d * ((p0 + p1) + (p2 + p3));
}
#endif
