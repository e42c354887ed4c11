// Probe: the adapter's streaming read bandwidth, the bound of a memory-bound decode step.
// Grid-stride loop: in each step neighbouring invocations read neighbouring 16-byte vec4s, so a
// GPU coalesces a workgroup's loads into whole cache lines; UNROLL independent loads per step keep
// several reads in flight per invocation. The host sweeps WG and the workgroup count and keeps the
// fastest, so the figure is this adapter's best, not one guess's.
override WG: u32 = 256u;
override UNROLL: u32 = 4u;

struct Params {
    count: u32,   // vec4s in src
    _pad0: u32,
    _pad1: u32,
    _pad2: u32,
}

@group(0) @binding(0) var<storage, read> src: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> sink: array<f32>;
@group(0) @binding(2) var<uniform> p: Params;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
    let stride = groups.x * WG;
    var acc = vec4<f32>(0.0);
    var i = gid.x;
    loop {
        if (i + (UNROLL - 1u) * stride >= p.count) {
            break;
        }
        for (var u = 0u; u < UNROLL; u++) {
            acc += src[i + u * stride];
        }
        i += UNROLL * stride;
    }
    loop {
        if (i >= p.count) {
            break;
        }
        acc += src[i];
        i += stride;
    }
    // One store per invocation keeps the loads alive without costing bandwidth.
    sink[gid.x] = acc.x + acc.y + acc.z + acc.w;
}
