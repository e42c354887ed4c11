// Probe: fused-multiply-add throughput, the bound of a compute-bound prompt pass.
// Eight independent vec4 chains per invocation hide FMA latency; the values stay in registers and
// the loop touches no memory, so only arithmetic is timed. 1 FMA = 2 FLOP, 4 lanes per vec4.
override WG: u32 = 256u;

struct Params {
    iterations: u32,
    _pad0: u32,
    _pad1: u32,
    _pad2: u32,
}

@group(0) @binding(0) var<storage, read_write> sink: array<f32>;
@group(0) @binding(1) var<uniform> p: Params;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let seed = f32(gid.x) * 1e-7;
    var a0 = vec4<f32>(seed, 0.1, 0.2, 0.3);
    var a1 = a0 + 0.01;
    var a2 = a0 + 0.02;
    var a3 = a0 + 0.03;
    var a4 = a0 + 0.04;
    var a5 = a0 + 0.05;
    var a6 = a0 + 0.06;
    var a7 = a0 + 0.07;
    // |m| < 1 and a small k keep every value finite however many iterations run.
    let m = vec4<f32>(0.9999);
    let k = vec4<f32>(0.0001);
    for (var i = 0u; i < p.iterations; i++) {
        a0 = fma(a0, m, k);
        a1 = fma(a1, m, k);
        a2 = fma(a2, m, k);
        a3 = fma(a3, m, k);
        a4 = fma(a4, m, k);
        a5 = fma(a5, m, k);
        a6 = fma(a6, m, k);
        a7 = fma(a7, m, k);
    }
    let s = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
    sink[gid.x] = s.x + s.y + s.z + s.w;
}
