// The encoder's feed-forward activation, in place over the batch's [count][width] values:
// h[i] = gelu(h[i]) in its erf form, x/2 (1 + erf(x / sqrt 2)), as BERT's ONNX graphs and the CPU
// reference compute it (not the tanh approximation of glu.wgsl, which differs by up to 1e-3 and
// would cost the F32 check its fifth nine); or, with `gated` (nomic-bert's SwiGLU),
// h[i] = silu(gate[i]) * h[i], with glu.wgsl's SiLU.
//
// Why it is shaped this way: one invocation per value, stepping by the whole grid, so a batch of
// thousands of tokens times a 3072-wide layer stays under WebGPU's 65535 workgroups per dimension
// with one dispatch (swiglu.wgsl's one value per invocation caps a batch at that). erf is the
// Numerical Recipes Chebyshev fit of erfc (fractional error under 1.2e-7, below f32 rounding at
// these values): WGSL has no erf, and one exp plus a polynomial is cheaper than a series.
#include "glu.wgsl"

struct Params { width: u32, gated: u32, _p0: u32, _p1: u32 }
struct Batch { start: u32, count: u32, _p0: u32, _p1: u32 }

override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<uniform> batch: Batch;
@group(0) @binding(2) var<storage, read_write> h: array<f32>;  // [count][width]
@group(0) @binding(3) var<storage, read> gate: array<f32>; // read when gated; a 4-byte stand-in otherwise

fn erf(x: f32) -> f32 {
    let z = abs(x);
    let t = 1.0 / (1.0 + 0.5 * z);
    let erfc = t * exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return select(erfc - 1.0, 1.0 - erfc, x >= 0.0);
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
    let n = batch.count * p.width;
    let step = groups.x * WG;
    for (var i = gid.x; i < n; i += step) {
        let v = h[i];
        if (p.gated != 0u) {
            h[i] = glu(gate[i], v, false);
        } else {
            h[i] = 0.5 * v * (1.0 + erf(v * 0.70710678118654752));
        }
    }
}
