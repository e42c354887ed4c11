// Bidirectional softmax attention over a packed batch of sequences: token t (of the sequence that
// spans[t] = (first, len) names) attends, in each head, to every token of its own sequence and to no
// other: out[t, h] = sum_j softmax_j(q[t, h] . k[j, h] * scale) v[j, h] for j in [first, first + len).
// Packing sequences one after another with their spans computes what a padded batch with an
// attention mask does, without the padding's work: no masked score is ever computed.
//
// Why it is shaped this way: one invocation per (query token, head) with an online softmax (a
// running max, the sum and the output rescaled when the max grows), so the scores are never stored:
// a batch of 64 sequences of 128 tokens would need 12.6 M floats of score scratch per head set, and
// a sequence of nomic's 2048 more than workgroup memory holds. No barriers and no workgroup memory:
// on a CPU-emulated adapter each invocation runs as SIMD lanes of independent work, and on a GPU a
// batch gives tokens x heads threads, enough to fill it. The query row and the accumulator are
// vec4 arrays in registers (at most MAX_HEAD_DIM values), each key and value row read as vec4s.
// A tiled (flash) layout sharing K/V tiles among a workgroup's queries would read less on a real
// GPU; encoder sequences are short, and this keeps one code path for both kinds of adapter.
struct Params { heads: u32, head_dim: u32, scale: f32, _p0: u32 }
struct Batch { start: u32, count: u32, _p0: u32, _p1: u32 }

override WG: u32 = 64u;
// The private arrays' size in vec4s, chosen per model by EncoderAttentionKernel: a GPU allocates
// registers for the whole array whatever head_dim the loops reach, so a 32-wide head (MiniLM, bge)
// must not pay for 128. Wider heads than 128 are refused.
#if HEAD_DIM_32
const MAX_HEAD_DIM4: u32 = 8u;
#elif HEAD_DIM_64
const MAX_HEAD_DIM4: u32 = 16u;
#else
const MAX_HEAD_DIM4: u32 = 32u;
#endif

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<uniform> batch: Batch;
@group(0) @binding(2) var<storage, read> spans: array<vec2<u32>>; // [count] (first token, length) of each token's sequence
@group(0) @binding(3) var<storage, read> q: array<vec4<f32>>;     // [count][heads * head_dim / 4]
@group(0) @binding(4) var<storage, read> k: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read> v: array<vec4<f32>>;
@group(0) @binding(6) var<storage, read_write> out: array<vec4<f32>>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let t = gid.x;
    let h = gid.y;
    if (t >= batch.count || h >= p.heads) {
        return;
    }
    let d4 = p.head_dim / 4u;
    let row = p.heads * d4;
    let span = spans[t];
    var qv: array<vec4<f32>, MAX_HEAD_DIM4>;
    var acc: array<vec4<f32>, MAX_HEAD_DIM4>;
    let qo = t * row + h * d4;
    for (var e = 0u; e < d4; e++) {
        qv[e] = q[qo + e] * p.scale;
        acc[e] = vec4<f32>(0.0);
    }
    var m = -3.0e38;
    var l = 0.0;
    for (var j = span.x; j < span.x + span.y; j++) {
        let ko = j * row + h * d4;
        var s = 0.0;
        for (var e = 0u; e < d4; e++) {
            s += dot(qv[e], k[ko + e]);
        }
        let m2 = max(m, s);
        let correction = exp(m - m2); // 1 while the max holds; 0 at the first key
        let w = exp(s - m2);
        l = l * correction + w;
        for (var e = 0u; e < d4; e++) {
            acc[e] = acc[e] * correction + w * v[ko + e];
        }
        m = m2;
    }
    let inv = 1.0 / l;
    for (var e = 0u; e < d4; e++) {
        out[qo + e] = acc[e] * inv;
    }
}
