// Gated feed-forward activation, in place: gate[i] = act(gate[i]) * up[i], act = SiLU (SwiGLU) or,
// with gelu != 0, GELU in its tanh approximation (GeGLU, Gemma; glu.wgsl). One flag in the uniform
// rather than a second kernel: the two differ in one expression. The decode pass folds this into
// the gate and up projections (matvec.wgsl's glu) where it can; the batch pass runs it.
#include "glu.wgsl"

struct Params { n: u32, gelu: u32, _p1: u32, _p2: u32 }

override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> gate: array<f32>;
@group(0) @binding(2) var<storage, read> up: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let i = gid.x;
    if (i >= p.n) {
        return;
    }
    gate[i] = glu(gate[i], up[i], p.gelu != 0u);
}
