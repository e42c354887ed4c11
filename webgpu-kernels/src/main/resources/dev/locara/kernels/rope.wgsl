// Rotary position embedding, llama.cpp's "normal" mode: adjacent pairs (v[2j], v[2j+1]) of each
// head turn by the angle pos * theta^(-2j / rope_dim). One invocation per pair, over the query heads
// (in q) and the key heads of this token's row of the KV cache, so both are done in one dispatch.
// The architectures differ only in which values pair up and in the frequencies, so both are data:
// neox != 0 pairs (j, j + rope_dim/2) (qwen2, phi3, gemma), and every frequency is divided by
// factors[j] (Llama 3's rope_freqs, Phi-3's LongRoPE factors; all ones for the others). theta is
// per layer (Gemma 3's local layers use another base): one uniform per layer's dispatch.
struct Params { head_dim: u32, q_heads: u32, k_heads: u32, rope_dim: u32, kv_dim: u32, log2_theta: f32, neox: u32, _p1: u32 }
struct Token { pos: u32, _p0: u32, _p1: u32, _p2: u32 }

override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<uniform> tok: Token;
@group(0) @binding(2) var<storage, read_write> q: array<f32>;
@group(0) @binding(3) var<storage, read_write> k_cache: array<f32>;
@group(0) @binding(4) var<storage, read> factors: array<f32>; // [rope_dim / 2]

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let half = p.rope_dim / 2u;
    let head = gid.x / half;
    let j = gid.x % half;
    if (head >= p.q_heads + p.k_heads) {
        return;
    }
    let freq = exp2(-f32(2u * j) / f32(p.rope_dim) * p.log2_theta);
    let angle = f32(tok.pos) * freq / factors[j];
    // Offsets of the pair within its head.
    let i0 = select(2u * j, j, p.neox != 0u);
    let i1 = select(2u * j + 1u, j + half, p.neox != 0u);
    let c = cos(angle);
    let s = sin(angle);
    if (head < p.q_heads) {
        let i = head * p.head_dim;
        let a = q[i + i0];
        let b = q[i + i1];
        q[i + i0] = a * c - b * s;
        q[i + i1] = a * s + b * c;
    } else {
        let i = tok.pos * p.kv_dim + (head - p.q_heads) * p.head_dim;
        let a = k_cache[i + i0];
        let b = k_cache[i + i1];
        k_cache[i + i0] = a * c - b * s;
        k_cache[i + i1] = a * s + b * c;
    }
}
