// Rotary position embedding for a batch (rope_turn.wgsl), token t at
// position batch.start + t: the query heads of q[t] turn in place; the key heads of k[t] turn and are
// stored, with v[t], into row batch.start + t of the KV cache.
//
// Why it is shaped this way: the batch's K and V projections are one matrix-matrix product each
// into batch buffers (matmul.wgsl writes whole rows of its output, it has no cache offset), so this
// dispatch, which already visits every key value to rotate it, is also the one that moves K and V
// into the cache: no copy commands that would split the compute pass, no extra dispatch. One
// invocation per pair of values of a head (x: pairs of every query and key head, y: tokens); pairs
// past rope_dim are copied unrotated (partial rotary). Pair j
// covers values (2j, 2j+1) or, rotated in NEOX mode, (j, j + rope_dim/2); the pairs j >= rope_dim/2
// are (2j, 2j+1) in both modes, which are exactly the values past rope_dim, so every value of a
// head is visited once.
struct Params { head_dim: u32, q_heads: u32, k_heads: u32, rope_dim: u32, kv_dim: u32, log2_theta: f32, neox: u32, _p1: u32 }
struct Batch { start: u32, count: u32, _p0: u32, _p1: u32 }

override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<uniform> batch: Batch;
@group(0) @binding(2) var<storage, read_write> q: array<f32>;
@group(0) @binding(3) var<storage, read> k: array<f32>;
@group(0) @binding(4) var<storage, read> v: array<f32>;
@group(0) @binding(5) var<storage, read_write> k_cache: array<f32>;
@group(0) @binding(6) var<storage, read_write> v_cache: array<f32>;
@group(0) @binding(7) var<storage, read> factors: array<f32>; // [rope_dim / 2]

#include "rope_turn.wgsl"

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let half_head = p.head_dim / 2u;
    let head = gid.x / half_head;
    let j = gid.x % half_head;
    let t = gid.y;
    if (head >= p.q_heads + p.k_heads || t >= batch.count) {
        return;
    }
    let pos = batch.start + t;
    let rotated = 2u * j < p.rope_dim;
    var c = 1.0;
    var s = 0.0;
    var i0 = 2u * j;
    var i1 = 2u * j + 1u;
    if (rotated) {
        let r = rope_turn(pos, j, p.rope_dim, p.log2_theta, p.neox != 0u);
        c = r.c;
        s = r.s;
        i0 = r.i0;
        i1 = r.i1;
    }
    if (head < p.q_heads) {
        if (rotated) {
            let i = t * p.q_heads * p.head_dim + head * p.head_dim;
            let a = q[i + i0];
            let b = q[i + i1];
            q[i + i0] = a * c - b * s;
            q[i + i1] = a * s + b * c;
        }
    } else {
        let within = (head - p.q_heads) * p.head_dim;
        let src = t * p.kv_dim + within;
        let dst = pos * p.kv_dim + within;
        let a = k[src + i0];
        let b = k[src + i1];
        k_cache[dst + i0] = a * c - b * s;
        k_cache[dst + i1] = a * s + b * c;
        v_cache[dst + i0] = v[src + i0];
        v_cache[dst + i1] = v[src + i1];
    }
}
