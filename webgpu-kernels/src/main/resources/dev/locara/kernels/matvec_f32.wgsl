// Matrix-vector product for one token: y[pos * pos_stride + r] (+)= dot(W[r, :], x), r < rows.
// W is row-major as GGUF stores it (ne0 = cols contiguous), cols a multiple of 4.
// One row per invocation, read as vec4: for one token the work is bound by loads and instructions
// per weight, and per-invocation rows measured faster than workgroup reductions on SwiftShader.
// `accumulate` adds into y (the residual stream) so no separate add dispatch is needed, and
// `pos_stride` lets K and V projections write straight into their row of the KV cache.
struct Params { rows: u32, cols4: u32, accumulate: u32, pos_stride: u32 }
struct Token { pos: u32, _p0: u32, _p1: u32, _p2: u32 }

override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<uniform> tok: Token;
@group(0) @binding(2) var<storage, read> w: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> x: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let r = gid.x;
    if (r >= p.rows) {
        return;
    }
    var acc = vec4<f32>(0.0);
    let base = r * p.cols4;
    for (var k = 0u; k < p.cols4; k++) {
        acc += w[base + k] * x[k];
    }
    let s = (acc.x + acc.y) + (acc.z + acc.w);
    let o = tok.pos * p.pos_stride + r;
    if (p.accumulate != 0u) {
        y[o] += s;
    } else {
        y[o] = s;
    }
}
