// Rotary positions for the encoder (nomic-bert), in place on q and k of a packed batch: NEOX pairs
// (i, i + head_dim/2) of every head turned by angle position * theta_scale^i, where a token's
// position counts from its own sequence's start (positions[t]), not from the batch's.
//
// Why it is shaped this way: one invocation per (token, head, pair), turning that pair of q and of k,
// so the angle's cos and sin serve both. The angle follows ggml's float recurrence (theta multiplied
// by theta_scale once per pair), as the CPU reference does, rather than pow(), so that far positions
// agree with llama.cpp to the last bits; the loop is at most head_dim / 2 multiplies. The decoder's
// rope_batch.wgsl also writes a KV cache and reads LlamaConfig's switches; an encoder has neither.
struct Params { heads: u32, head_dim: u32, theta_scale: f32, _p0: u32 }
struct Batch { start: u32, count: u32, _p0: u32, _p1: u32 }

override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<uniform> batch: Batch;
@group(0) @binding(2) var<storage, read> positions: array<u32>; // [count]
@group(0) @binding(3) var<storage, read_write> q: array<f32>;   // [count][heads * head_dim]
@group(0) @binding(4) var<storage, read_write> k: array<f32>;   // [count][heads * head_dim]

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let half = p.head_dim / 2u;
    let t = gid.y;
    if (t >= batch.count || gid.x >= p.heads * half) {
        return;
    }
    let h = gid.x / half;
    let i = gid.x % half;
    var theta = f32(positions[t]);
    for (var j = 0u; j < i; j++) {
        theta *= p.theta_scale;
    }
    let c = cos(theta);
    let s = sin(theta);
    let o = t * p.heads * p.head_dim + h * p.head_dim + i;
    let q0 = q[o];
    let q1 = q[o + half];
    q[o] = q0 * c - q1 * s;
    q[o + half] = q0 * s + q1 * c;
    let k0 = k[o];
    let k1 = k[o + half];
    k[o] = k0 * c - k1 * s;
    k[o + half] = k0 * s + k1 * c;
}
