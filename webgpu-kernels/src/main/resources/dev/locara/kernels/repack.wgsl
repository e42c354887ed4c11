// Repacks blocks of one weight type from the bytes a GGUF file stores (in `src`, a staging buffer
// that starts at a block boundary) into the layout the matrix kernels read (PackedLayout): Q4_0,
// Q5_0 and Q8_0 get two zero bytes after their f16 scale so that their quants start on a word,
// Q6_K two at its end, and Q4_K and Q5_K have their 12 bytes of packed 6-bit scales and mins
// unpacked to sc[8] then m[8], one byte each. BlockRepacker.java defines the same layout on the
// CPU; the checks compare the two bit for bit.
//
// Why it runs on the GPU: the file's bytes go from the network or storage into GPU memory with one
// copy (writeBuffer of the staging window) and no per-byte work on the CPU. Repacking in the
// engine's WebAssembly copied every byte into and out of Java arrays and limited the weight stream
// to about a third of the raw transfer rate on this project's test machine. One invocation writes
// one packed block; a block that is not a whole number of words starts mid-word in `src`, so its
// words are read as two neighbouring source words shifted together.
struct Params { blocks: u32, dst_word: u32, groups_x: u32, src_block: u32 }

override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read_write> dst: array<u32>;

#if TYPE_Q4_0
const SRC_BYTES: u32 = 18u;
const DST_WORDS: u32 = 5u;
const PAD_AT: u32 = 2u;
#elif TYPE_Q5_0
const SRC_BYTES: u32 = 22u;
const DST_WORDS: u32 = 6u;
const PAD_AT: u32 = 2u;
#elif TYPE_Q8_0
const SRC_BYTES: u32 = 34u;
const DST_WORDS: u32 = 9u;
const PAD_AT: u32 = 2u;
#elif TYPE_Q6_K
const SRC_BYTES: u32 = 210u;
const DST_WORDS: u32 = 53u;
const PAD_AT: u32 = 210u;
#elif TYPE_Q4_K
const SRC_BYTES: u32 = 144u;
const DST_WORDS: u32 = 37u;
#elif TYPE_Q5_K
const SRC_BYTES: u32 = 176u;
const DST_WORDS: u32 = 45u;
#endif

// The four source bytes starting at byte `at` (any alignment) as one little-endian word. The
// staging buffer has a spare word at its end, so the neighbour read never leaves it.
fn src_word(at: u32) -> u32 {
    let i = at / 4u;
    let shift = 8u * (at % 4u);
    if (shift == 0u) {
        return src[i];
    }
    return (src[i] >> shift) | (src[i + 1u] << (32u - shift));
}

fn src_byte(at: u32) -> u32 {
    return (src[at / 4u] >> (8u * (at % 4u))) & 0xFFu;
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let block = gid.y * p.groups_x * WG + gid.x;
    if (block >= p.blocks) {
        return;
    }
    let s = (p.src_block + block) * SRC_BYTES;
    let d = p.dst_word + block * DST_WORDS;
#if TYPE_Q4_K || TYPE_Q5_K
    // d and dmin; then ggml's get_scale_min_k4 for each sub-block j of the 12 bytes at s + 4:
    // j < 4: scale q[j] & 63, min q[j + 4] & 63; j >= 4: scale (q[j + 4] & 15) | (q[j - 4] >> 6) << 4,
    // min (q[j + 4] >> 4) | (q[j] >> 6) << 4. Then the rest of the block, word for word.
    dst[d] = src_word(s);
    let q = s + 4u;
    var sc = array<u32, 2>(0u, 0u);
    var mn = array<u32, 2>(0u, 0u);
    for (var j = 0u; j < 8u; j++) {
        var a: u32;
        var b: u32;
        if (j < 4u) {
            a = src_byte(q + j) & 63u;
            b = src_byte(q + j + 4u) & 63u;
        } else {
            a = (src_byte(q + j + 4u) & 15u) | ((src_byte(q + j - 4u) >> 6u) << 4u);
            b = (src_byte(q + j + 4u) >> 4u) | ((src_byte(q + j) >> 6u) << 4u);
        }
        sc[j / 4u] |= a << (8u * (j % 4u));
        mn[j / 4u] |= b << (8u * (j % 4u));
    }
    dst[d + 1u] = sc[0];
    dst[d + 2u] = sc[1];
    dst[d + 3u] = mn[0];
    dst[d + 4u] = mn[1];
    for (var k = 5u; k < DST_WORDS; k++) {
        dst[d + k] = src_word(s + 4u * k - 4u); // packed byte 4k is file byte 4k - 4 (16 scale bytes for 12)
    }
#else
    // Packed byte k is file byte k before PAD_AT, zero at PAD_AT and PAD_AT + 1, file byte k - 2 after.
    for (var k = 0u; k < DST_WORDS; k++) {
        let at = 4u * k;
        var word: u32;
        if (at + 4u <= PAD_AT) {
            word = src_word(s + at);
        } else if (at >= PAD_AT + 2u) {
            word = src_word(s + at - 2u);
        } else {
            // The word holding the two zero bytes: PAD_AT is 2 mod 4 for every padded type.
            word = src_word(s + at) & 0xFFFFu;
        }
        dst[d + k] = word;
    }
#endif
}
