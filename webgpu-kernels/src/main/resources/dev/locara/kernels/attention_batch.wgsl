// Causal attention of a batch of query tokens over the KV cache, grouped-query (query head h reads
// key/value head h / group): query token t sits at position batch.start + t and attends to cache
// positions 0 ..= batch.start + t, which hold the earlier chunks' keys and values and this chunk's
// up to its own (rope_batch.wgsl stored the whole chunk before this dispatch).
//
// Why it is shaped this way: one workgroup per (query head, query token), each the same steps as
// attention.wgsl for one token: invocations split the positions for the scores, a max and a sum
// reduction in workgroup memory give a stable softmax, then invocations split the head's output
// values. The causal mask is the loop bound itself: no masked position is computed, and no -inf
// enters the softmax. Every (head, token) is independent, so a chunk gives heads x count workgroups
// of parallel work; a tiled (flash) layout sharing K/V tiles between the queries of a workgroup
// would read the cache less, but needs barriers per tile, which measured slower than independent
// work on SwiftShader, and prompts here are short. Scores live in a storage scratch row per
// (token, head): the context can be longer than workgroup memory holds.
// Gemma's switches are two loop-level changes, not another kernel: softcap > 0 turns each score
// into softcap * tanh(score / softcap) (Gemma 2), and window > 0 (the layer's sliding window,
// uniform per layer) starts the positions at n - window, so a local layer never reads older keys.
//
// PER_QUERY (CPU-emulated adapters, heads a multiple of 8 wide): one invocation per (4 neighbouring
// query tokens, head) instead, workgroups along x covering the chunk's tokens of one head, no
// workgroup memory and no barrier. A CPU runs an invocation's work as SIMD code, so what costs is
// instructions per (token, position): here each key and value load (the same address in every lane:
// all lanes read one head's cache) serves 4 tokens, and scores are stored [head][position][token]
// so a position's 4 scores are one vec4. The tokens' windows differ by at most 3 positions at each
// end; those scores are masked to -3e38 before the max, so their weights are exactly 0. The head is
// walked two 4-value slices at a time: those slices of the 4 queries stay in registers while the
// keys' slices stream past, and the output's are 8 vec4 accumulators. Measured on SwiftShader with
// the demo model's 512-token prompt (one 512-token chunk): 210 ms of attention with one token per
// invocation, 87 ms with four; a workgroup per (head, token) took several times longer again. A
// real GPU keeps the shape above: one thread per 4 queries would leave it a few hundred threads.
struct Params { heads: u32, group: u32, head_dim: u32, kv_dim: u32, ctx: u32, scale: f32, softcap: f32, window: u32,
                stride: u32 }
struct Batch { start: u32, count: u32, _p0: u32, _p1: u32 }

override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<uniform> batch: Batch;
#if PER_QUERY
@group(0) @binding(2) var<storage, read> q: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> k_cache: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read> v_cache: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read_write> scores: array<vec4<f32>>; // [heads][ctx][stride / 4]
@group(0) @binding(6) var<storage, read_write> out: array<vec4<f32>>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let g = gid.x; // tokens 4g .. 4g + 3 of the chunk, as the components of every vec4 below
    let h = gid.y;
    let t0 = 4u * g;
    if (t0 >= batch.count) {
        return;
    }
    // A group past the chunk's end repeats its last token; the repeats are not stored.
    let tl = min(batch.count - 1u, t0 + 3u);
    let t = vec4<u32>(t0, min(t0 + 1u, tl), min(t0 + 2u, tl), tl);
    let n = vec4<u32>(batch.start) + t + vec4<u32>(1u);
    let first = select(vec4<u32>(0u), n - min(n, vec4<u32>(p.window)), p.window > 0u);
    // Positions [lo, hi) cover the four tokens'; the ones a token must not see are masked.
    let lo = first.x;
    let hi = n.w;
    let d4 = p.head_dim / 4u;
    let kv4 = p.kv_dim / 4u;
    let kvo = (h / p.group) * d4;
    let row = p.stride / 4u;
    let so = h * p.ctx * row + g;
    let qo = (t * p.heads + vec4<u32>(h)) * d4;

    // q . k, two 4-value slices per pass over the positions: the first pass stores, the later ones
    // add, and the last also scales (and caps) the scores, masks them and finds the max.
    var m = vec4<f32>(-3.0e38);
    for (var j = 0u; j < d4; j += 2u) {
        let a0 = q[qo.x + j];
        let b0 = q[qo.x + j + 1u];
        let a1 = q[qo.y + j];
        let b1 = q[qo.y + j + 1u];
        let a2 = q[qo.z + j];
        let b2 = q[qo.z + j + 1u];
        let a3 = q[qo.w + j];
        let b3 = q[qo.w + j + 1u];
        let later = j > 0u;
        let last = j + 2u == d4;
        for (var s = lo; s < hi; s++) {
            let ko = s * kv4 + kvo + j;
            let ka = k_cache[ko];
            let kb = k_cache[ko + 1u];
            let i = so + s * row;
            var x = vec4<f32>(dot(a0, ka) + dot(b0, kb), dot(a1, ka) + dot(b1, kb),
                              dot(a2, ka) + dot(b2, kb), dot(a3, ka) + dot(b3, kb));
            if (later) {
                x += scores[i];
            }
            if (last) {
                x *= p.scale;
                if (p.softcap > 0.0) {
                    x = p.softcap * tanh(clamp(x / p.softcap, vec4<f32>(-15.0), vec4<f32>(15.0))); // clamped: tanh may overflow to NaN
                }
                let seen = (vec4<u32>(s) >= first) & (vec4<u32>(s) < n);
                x = select(vec4<f32>(-3.0e38), x, seen);
                m = max(m, x);
            }
            scores[i] = x;
        }
    }
    // Softmax weights times v, two slices per pass; the first pass turns the scores into weights
    // (stored for the later passes; a masked score's weight is 0) and sums them.
    var sum = vec4<f32>(0.0);
    let keep = d4 > 2u;
    for (var j = 0u; j < d4; j += 2u) {
        let first_pass = j == 0u;
        var a0 = vec4<f32>(0.0);
        var b0 = vec4<f32>(0.0);
        var a1 = vec4<f32>(0.0);
        var b1 = vec4<f32>(0.0);
        var a2 = vec4<f32>(0.0);
        var b2 = vec4<f32>(0.0);
        var a3 = vec4<f32>(0.0);
        var b3 = vec4<f32>(0.0);
        for (var s = lo; s < hi; s++) {
            let i = so + s * row;
            var e = scores[i];
            if (first_pass) {
                e = exp(e - m);
                if (keep) {
                    scores[i] = e;
                }
                sum += e;
            }
            let vo = s * kv4 + kvo + j;
            let va = v_cache[vo];
            let vb = v_cache[vo + 1u];
            a0 += e.x * va;
            b0 += e.x * vb;
            a1 += e.y * va;
            b1 += e.y * vb;
            a2 += e.z * va;
            b2 += e.z * vb;
            a3 += e.w * va;
            b3 += e.w * vb;
        }
        out[qo.x + j] = a0 / sum.x;
        out[qo.x + j + 1u] = b0 / sum.x;
        if (t0 + 1u <= tl) {
            out[qo.y + j] = a1 / sum.y;
            out[qo.y + j + 1u] = b1 / sum.y;
        }
        if (t0 + 2u <= tl) {
            out[qo.z + j] = a2 / sum.z;
            out[qo.z + j + 1u] = b2 / sum.z;
        }
        if (t0 + 3u <= tl) {
            out[qo.w + j] = a3 / sum.w;
            out[qo.w + j + 1u] = b3 / sum.w;
        }
    }
}
#else
@group(0) @binding(2) var<storage, read> q: array<f32>;
@group(0) @binding(3) var<storage, read> k_cache: array<f32>;
@group(0) @binding(4) var<storage, read> v_cache: array<f32>;
@group(0) @binding(5) var<storage, read_write> scores: array<f32>;
@group(0) @binding(6) var<storage, read_write> out: array<f32>;

var<workgroup> red: array<f32, WG>;

// attention_head.wgsl's reads: rope_batch.wgsl turned the chunk's queries and keys already.
fn query(qo: u32, i: u32) -> f32 {
    return q[qo + i];
}

fn key(t: u32, ko: u32, i: u32) -> f32 {
    return k_cache[ko + i];
}

#include "attention_head.wgsl"

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let h = wid.x;
    let t = wid.y; // below batch.count: the dispatch has exactly count workgroups along y
    let n = batch.start + t + 1u;
    let qo = (t * p.heads + h) * p.head_dim;
    let kvo = (h / p.group) * p.head_dim;
    let so = (t * p.heads + h) * p.ctx;
    let first = select(0u, n - min(n, p.window), p.window > 0u);

    attend(lid.x, first, n, qo, kvo, so);
}
#endif
