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
struct Params { heads: u32, group: u32, head_dim: u32, kv_dim: u32, ctx: u32, scale: f32, softcap: f32, window: u32 }
struct Batch { start: u32, count: u32, _p0: u32, _p1: u32 }

override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<uniform> batch: Batch;
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
    let t = wid.y; // below batch.count: the dispatch has exactly count workgroups along y
    let n = batch.start + t + 1u;
    let qo = (t * p.heads + h) * p.head_dim;
    let kvo = (h / p.group) * p.head_dim;
    let so = (t * p.heads + h) * p.ctx;
    let first = select(0u, n - min(n, p.window), p.window > 0u);

    attend(lid.x, first, n, qo, kvo, so);
}
