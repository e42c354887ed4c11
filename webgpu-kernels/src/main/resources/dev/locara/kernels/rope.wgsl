// Rotary position embedding, llama.cpp's "normal" mode: adjacent pairs (v[2j], v[2j+1]) of each
// head turn by the angle pos * theta^(-2j / rope_dim). One invocation per pair, over the query heads
// (in q) and the key heads of this token's row of the KV cache, so both are done in one dispatch.
struct Params { head_dim: u32, q_heads: u32, k_heads: u32, rope_dim: u32, kv_dim: u32, log2_theta: f32, _p0: u32, _p1: u32 }
struct Token { pos: u32, _p0: u32, _p1: u32, _p2: u32 }

override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<uniform> tok: Token;
@group(0) @binding(2) var<storage, read_write> q: array<f32>;
@group(0) @binding(3) var<storage, read_write> k_cache: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let half = p.rope_dim / 2u;
    let head = gid.x / half;
    let j = gid.x % half;
    if (head >= p.q_heads + p.k_heads) {
        return;
    }
    let freq = exp2(-f32(2u * j) / f32(p.rope_dim) * p.log2_theta);
    let angle = f32(tok.pos) * freq;
    let c = cos(angle);
    let s = sin(angle);
    if (head < p.q_heads) {
        let i = head * p.head_dim + 2u * j;
        let a = q[i];
        let b = q[i + 1u];
        q[i] = a * c - b * s;
        q[i + 1u] = a * s + b * c;
    } else {
        let i = tok.pos * p.kv_dim + (head - p.q_heads) * p.head_dim + 2u * j;
        let a = k_cache[i];
        let b = k_cache[i + 1u];
        k_cache[i] = a * c - b * s;
        k_cache[i + 1u] = a * s + b * c;
    }
}
