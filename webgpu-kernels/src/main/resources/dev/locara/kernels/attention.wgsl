// Causal attention of one new token over the KV cache, grouped-query: query head h reads key/value
// head h / group. One workgroup per query head: invocations split the positions for the scores,
// then a max and a sum reduction in workgroup memory give a stable softmax, then invocations split
// the head's output values. Scores live in a storage scratch row per head (the context can be
// longer than workgroup memory holds).
// Gemma's switches are two loop-level changes, not another kernel: softcap > 0 turns each score
// into softcap * tanh(score / softcap) (Gemma 2), and window > 0 (the layer's sliding window,
// uniform per layer) starts the positions at n - window, so a local layer never reads older keys.
//
// PER_HEAD (CPU-emulated adapters, heads a multiple of 8 wide): one invocation per query head
// instead, no workgroup memory and no barrier, as attention_batch.wgsl's PER_QUERY does for a
// prompt. A CPU runs an invocation as SIMD code, so the workgroup's reductions cost more than the
// head's arithmetic: measured with --profile on SwiftShader, the demo model's decode step at
// position 512 spent 2.7 of its 7.0 ms in the 5 attention dispatches. Here the positions stream
// past one invocation in three plain loops (scores and their max; exponentials and their sum; the
// output two vec4 slices at a time, held in registers), q, K and V read as vec4. A GPU keeps the
// workgroup per head: one thread per head would leave it a few dozen threads.
struct Params { heads: u32, group: u32, head_dim: u32, kv_dim: u32, ctx: u32, scale: f32, softcap: f32, window: u32 }
struct Token { pos: u32, _p0: u32, _p1: u32, _p2: u32 }

override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<uniform> tok: Token;
#if PER_HEAD
@group(0) @binding(2) var<storage, read> q: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> k_cache: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read> v_cache: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read_write> scores: array<f32>;
@group(0) @binding(6) var<storage, read_write> out: array<vec4<f32>>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let h = gid.x;
    if (h >= p.heads) {
        return;
    }
    let n = tok.pos + 1u;
    let first = select(0u, n - min(n, p.window), p.window > 0u);
    let d4 = p.head_dim / 4u; // even: heads are a multiple of 8 wide
    let kv4 = p.kv_dim / 4u;
    let qo = h * d4;
    let kvo = (h / p.group) * d4;
    let so = h * p.ctx;
    var m = -3.0e38;
    for (var t = first; t < n; t++) {
        let ko = t * kv4 + kvo;
        var s = 0.0;
        for (var i = 0u; i < d4; i++) {
            s += dot(q[qo + i], k_cache[ko + i]);
        }
        s *= p.scale;
        if (p.softcap > 0.0) {
            s = p.softcap * tanh(clamp(s / p.softcap, -15.0, 15.0)); // clamped: tanh may overflow to NaN
        }
        scores[so + t] = s;
        m = max(m, s);
    }
    var total = 0.0;
    for (var t = first; t < n; t++) {
        let e = exp(scores[so + t] - m);
        scores[so + t] = e;
        total += e;
    }
    for (var i = 0u; i < d4; i += 2u) {
        var a0 = vec4<f32>(0.0);
        var a1 = vec4<f32>(0.0);
        for (var t = first; t < n; t++) {
            let e = scores[so + t];
            let vo = t * kv4 + kvo + i;
            a0 += e * v_cache[vo];
            a1 += e * v_cache[vo + 1u];
        }
        out[qo + i] = a0 / total;
        out[qo + i + 1u] = a1 / total;
    }
}
#else
@group(0) @binding(2) var<storage, read> q: array<f32>;
@group(0) @binding(3) var<storage, read> k_cache: array<f32>;
@group(0) @binding(4) var<storage, read> v_cache: array<f32>;
@group(0) @binding(5) var<storage, read_write> scores: array<f32>;
@group(0) @binding(6) var<storage, read_write> out: array<f32>;

var<workgroup> red: array<f32, WG>;

#include "attention_head.wgsl"

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let h = wid.x;
    let n = tok.pos + 1u;
    let qo = h * p.head_dim;
    let kvo = (h / p.group) * p.head_dim;
    let so = h * p.ctx;
    let first = select(0u, n - min(n, p.window), p.window > 0u);

    attend(lid.x, first, n, qo, kvo, so);
}
#endif
