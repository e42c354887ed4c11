// Causal attention of one new token over the KV cache, grouped-query: query head h reads key/value
// head h / group. One workgroup per query head: invocations split the positions for the scores,
// then a max and a sum reduction in workgroup memory give a stable softmax, then invocations split
// the head's output values. Scores live in a storage scratch row per head (the context can be
// longer than workgroup memory holds).
// The token's RoPE (rope_turn.wgsl) is done here too, not in a dispatch of its own before: each
// workgroup turns its query head and its key head's new key (k_new, which the q-k-v projection
// wrote, not yet in the cache) into workgroup memory, takes the new position's score from that
// key, and the first query head of each group stores the turned key into the cache row for the
// steps after; no one reads that row in this dispatch, so the store races with nothing. One
// dispatch per layer fewer, for a GPU, where each costs a launch and a barrier (on SwiftShader it
// makes no difference either way).
// Gemma's switches are two loop-level changes, not another kernel: softcap > 0 turns each score
// into softcap * tanh(score / softcap) (Gemma 2), and window > 0 (the layer's sliding window,
// uniform per layer) starts the positions at n - window, so a local layer never reads older keys.
//
// PER_HEAD (CPU-emulated adapters, heads a multiple of 8 wide): one invocation per query head
// instead, no workgroup memory and no barrier, as attention_batch.wgsl's PER_QUERY does for a
// prompt. A CPU runs an invocation as SIMD code, so the workgroup's reductions cost more than the
// head's arithmetic (BENCHMARKS.md, "attention per head"). Here the positions stream
// past one invocation in three plain loops (scores and their max; exponentials and their sum; the
// output two vec4 slices at a time, held in registers), q, K and V read as vec4. A GPU keeps the
// workgroup per head: one thread per head would leave it a few dozen threads.
struct Params { heads: u32, group: u32, head_dim: u32, kv_dim: u32, ctx: u32, scale: f32, softcap: f32, window: u32,
                rope_dim: u32, log2_theta: f32, neox: u32, _p0: u32 }
struct Token { pos: u32, id: u32, _p1: u32, _p2: u32 }

override WG: u32 = 64u;
// The widest head this kernel takes (AttentionKernel.MAX_HEAD_DIM must match).
const MAX_HEAD_DIM: u32 = 256u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<uniform> tok: Token;
#if PER_HEAD
@group(0) @binding(2) var<storage, read> q: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> k_cache: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read> v_cache: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read_write> scores: array<f32>;
@group(0) @binding(6) var<storage, read_write> out: array<vec4<f32>>;
@group(0) @binding(7) var<storage, read> k_new: array<vec4<f32>>; // [kv_dim / 4] this token's keys, not yet turned
@group(0) @binding(8) var<storage, read> factors: array<f32>;     // [rope_dim / 2]

#include "rope_turn.wgsl"

// This head of q and its group's head of k_new, turned: private copies, which the loops below
// read for every position. Filled in place and turned in one loop, each angle's cos and sin
// computed once for both: on SwiftShader every inlined copy of a function is code compiled at each
// load, and arrays returned by value are copied value by value, which compiles slower still.
alias Head = array<vec4<f32>, MAX_HEAD_DIM / 4u>;
var<private> qr: Head;
var<private> kr: Head;

fn turn_both(pos: u32, qo: u32, kvo: u32, d4: u32) {
    for (var i = 0u; i < d4; i++) {
        qr[i] = q[qo + i];
        kr[i] = k_new[kvo + i];
    }
    for (var j = 0u; j < p.rope_dim / 2u; j++) {
        let r = rope_turn(pos, j, p.rope_dim, p.log2_theta, p.neox != 0u);
        let i0 = r.i0 / 4u;
        let c0 = r.i0 % 4u;
        let i1 = r.i1 / 4u;
        let c1 = r.i1 % 4u;
        let qa = qr[i0][c0];
        let qb = qr[i1][c1];
        qr[i0][c0] = qa * r.c - qb * r.s;
        qr[i1][c1] = qa * r.s + qb * r.c;
        let ka = kr[i0][c0];
        let kb = kr[i1][c1];
        kr[i0][c0] = ka * r.c - kb * r.s;
        kr[i1][c1] = ka * r.s + kb * r.c;
    }
}

fn score(s: f32) -> f32 {
    var v = s * p.scale;
    if (p.softcap > 0.0) {
        v = p.softcap * tanh(clamp(v / p.softcap, -15.0, 15.0)); // clamped: tanh may overflow to NaN
    }
    return v;
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let h = gid.x;
    if (h >= p.heads) {
        return;
    }
    let pos = tok.pos;
    let n = pos + 1u;
    let first = select(0u, n - min(n, p.window), p.window > 0u); // at most pos: a window holds the token itself
    let d4 = p.head_dim / 4u; // even: heads are a multiple of 8 wide
    let kv4 = p.kv_dim / 4u;
    let qo = h * d4;
    let kvo = (h / p.group) * d4;
    let so = h * p.ctx;
    turn_both(pos, qo, kvo, d4);
    if (h % p.group == 0u) {
        for (var i = 0u; i < d4; i++) {
            k_cache[pos * kv4 + kvo + i] = kr[i];
        }
    }
    var m = -3.0e38;
    for (var t = first; t < pos; t++) {
        let ko = t * kv4 + kvo;
        var s = 0.0;
        for (var i = 0u; i < d4; i++) {
            s += dot(qr[i], k_cache[ko + i]);
        }
        let e = score(s);
        scores[so + t] = e;
        m = max(m, e);
    }
    {
        var s = 0.0;
        for (var i = 0u; i < d4; i++) {
            s += dot(qr[i], kr[i]);
        }
        let e = score(s);
        scores[so + pos] = e;
        m = max(m, e);
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
@group(0) @binding(3) var<storage, read_write> k_cache: array<f32>;
@group(0) @binding(4) var<storage, read> v_cache: array<f32>;
@group(0) @binding(5) var<storage, read_write> scores: array<f32>;
@group(0) @binding(6) var<storage, read_write> out: array<f32>;
@group(0) @binding(7) var<storage, read> k_new: array<f32>; // [kv_dim] this token's keys, not yet turned
@group(0) @binding(8) var<storage, read> factors: array<f32>; // [rope_dim / 2]

var<workgroup> red: array<f32, WG>;
// This workgroup's query head and its group's new key, turned.
var<workgroup> q_turned: array<f32, MAX_HEAD_DIM>;
var<workgroup> k_turned: array<f32, MAX_HEAD_DIM>;

#include "rope_turn.wgsl"

// attention_head.wgsl's reads: the query from the turned copy, the new position's key too.
fn query(qo: u32, i: u32) -> f32 {
    return q_turned[i];
}

fn key(t: u32, ko: u32, i: u32) -> f32 {
    if (t == tok.pos) {
        return k_turned[i];
    }
    return k_cache[ko + i];
}

#include "attention_head.wgsl"

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let h = wid.x;
    let pos = tok.pos;
    let n = pos + 1u;
    let qo = h * p.head_dim;
    let kvo = (h / p.group) * p.head_dim;
    let so = h * p.ctx;
    let first = select(0u, n - min(n, p.window), p.window > 0u);

    // Each invocation turns whole pairs, reading both values from storage, so one barrier serves.
    let half = p.rope_dim / 2u;
    for (var j = lid.x; j < half; j += WG) {
        let r = rope_turn(pos, j, p.rope_dim, p.log2_theta, p.neox != 0u);
        let qa = q[qo + r.i0];
        let qb = q[qo + r.i1];
        q_turned[r.i0] = qa * r.c - qb * r.s;
        q_turned[r.i1] = qa * r.s + qb * r.c;
        let ka = k_new[kvo + r.i0];
        let kb = k_new[kvo + r.i1];
        k_turned[r.i0] = ka * r.c - kb * r.s;
        k_turned[r.i1] = ka * r.s + kb * r.c;
    }
    for (var i = p.rope_dim + lid.x; i < p.head_dim; i += WG) { // partial rotary: the rest as it is
        q_turned[i] = q[qo + i];
        k_turned[i] = k_new[kvo + i];
    }
    workgroupBarrier();
    if (h % p.group == 0u) {
        for (var i = lid.x; i < p.head_dim; i += WG) {
            k_cache[pos * p.kv_dim + kvo + i] = k_turned[i];
        }
    }

    attend(lid.x, first, n, qo, kvo, so);
}
#endif
