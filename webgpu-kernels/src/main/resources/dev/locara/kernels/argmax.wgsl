// Greedy decoding on the GPU: the index of the largest logit (the lowest index on ties, as
// Sampler.argmax; NaN values are skipped, 0 if all are), written where the next decode step reads
// its token, so that many steps run in one submission with no readback between them.
//
// Why it is shaped this way:
// - The output is {pos + 1, id} in the layout of the token uniform that every decode kernel reads.
//   The engine copies it into that uniform (copyBufferToBuffer between passes: a shader cannot
//   write a uniform buffer), which is all it takes to chain the next step.
// - Each step's pick is also kept at picks[pos - p.base], so one readback of a few bytes at the end
//   of a chunk returns every token of it, instead of the whole vocabulary's logits per token
//   (128 KiB for 32000 tokens, 594 KiB for Qwen's 151936).
// - One workgroup: a strided scan (neighbouring invocations read neighbouring logits, so the loads
//   coalesce) keeps each invocation's best, then a tree reduction in workgroup memory. The logits
//   are a few hundred KiB at most, one pass over them is small beside the output projection that
//   wrote them, and a single workgroup needs no second dispatch or atomics.
struct Params { n: u32, base: u32, _p0: u32, _p1: u32 }
struct Token { pos: u32, id: u32, _p1: u32, _p2: u32 }

override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<uniform> tok: Token;
@group(0) @binding(2) var<storage, read> logits: array<f32>;
// [0..4): the next step's Token; [4 + step]: the id picked at step (tok.pos - p.base).
@group(0) @binding(3) var<storage, read_write> picks: array<u32>;

var<workgroup> best_value: array<f32, WG>;
var<workgroup> best_index: array<u32, WG>;

const NONE: u32 = 0xffffffffu;

// Whether (v, i) beats (bv, bi): larger value, or an equal value at a lower index; NaN never beats.
fn beats(v: f32, i: u32, bv: f32, bi: u32) -> bool {
    return i != NONE && (bi == NONE || v > bv || (v == bv && i < bi));
}

@compute @workgroup_size(WG)
fn main(@builtin(local_invocation_id) lid: vec3<u32>) {
    var bv = 0.0;
    var bi = NONE;
    for (var i = lid.x; i < p.n; i += WG) {
        let v = logits[i];
        // v == v is false only for NaN, which is skipped.
        if (v == v && (bi == NONE || v > bv)) { // i grows, so the first of equal values stays
            bv = v;
            bi = i;
        }
    }
    best_value[lid.x] = bv;
    best_index[lid.x] = bi;
    workgroupBarrier();
    for (var stride = WG / 2u; stride > 0u; stride = stride / 2u) {
        if (lid.x < stride) {
            let v = best_value[lid.x + stride];
            let i = best_index[lid.x + stride];
            if (beats(v, i, best_value[lid.x], best_index[lid.x])) {
                best_value[lid.x] = v;
                best_index[lid.x] = i;
            }
        }
        workgroupBarrier();
    }
    if (lid.x == 0u) {
        let id = select(best_index[0], 0u, best_index[0] == NONE);
        picks[0] = tok.pos + 1u;
        picks[1] = id;
        picks[4u + tok.pos - p.base] = id;
    }
}
