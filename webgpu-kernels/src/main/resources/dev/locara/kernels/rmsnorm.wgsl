// RMSNorm: y = x / sqrt(mean(x^2) + eps) * w, over one vector of n values.
// One workgroup does the whole vector: the sum of squares is a strided partial sum per invocation
// followed by a tree reduction in workgroup memory. A vector is at most a few thousand values, so a
// single workgroup is enough and needs no second pass.
struct Params { n: u32, eps: f32, _p0: u32, _p1: u32 }

override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> w: array<f32>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;

var<workgroup> partial: array<f32, WG>;

@compute @workgroup_size(WG)
fn main(@builtin(local_invocation_id) lid: vec3<u32>) {
    var s = 0.0;
    for (var i = lid.x; i < p.n; i += WG) {
        s += x[i] * x[i];
    }
    partial[lid.x] = s;
    workgroupBarrier();
    for (var stride = WG / 2u; stride > 0u; stride = stride / 2u) {
        if (lid.x < stride) {
            partial[lid.x] += partial[lid.x + stride];
        }
        workgroupBarrier();
    }
    let scale = 1.0 / sqrt(partial[0] / f32(p.n) + p.eps);
    for (var i = lid.x; i < p.n; i += WG) {
        y[i] = x[i] * scale * w[i];
    }
}
