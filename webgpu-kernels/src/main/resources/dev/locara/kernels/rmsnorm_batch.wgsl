// RMSNorm of each token of a batch: y[t] = x[r] / sqrt(mean(x[r]^2) + eps) * w, rows n values wide,
// where r = t, or r = batch.count - 1 for every t when `last` is set (the output head needs only the
// last token's row, written to y's first row).
//
// The same kernel serves the architectures' extra norms: Gemma 3's per-head q/k norms are rows of
// head_dim values (one workgroup per head; the decode pass binds its token uniform as the batch,
// which only `last` reads), and accumulate adds the normalized row into y (Gemma's post-attention
// and post-ffn norms feed the residual stream this way, no add dispatch).
//
// Why it is shaped this way: one workgroup per row, each as rmsnorm.wgsl does for one vector (a
// strided partial sum per invocation, then a tree reduction in workgroup memory): rows are
// independent, so a batch is just more workgroups and needs no second pass.
struct Params { n: u32, eps: f32, last: u32, accumulate: u32 }
struct Batch { start: u32, count: u32, _p0: u32, _p1: u32 }

override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<uniform> batch: Batch;
@group(0) @binding(2) var<storage, read> x: array<f32>;
@group(0) @binding(3) var<storage, read> w: array<f32>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;

var<workgroup> partial: array<f32, WG>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let t = wid.x;
    let xo = select(t, batch.count - 1u, p.last != 0u) * p.n;
    let yo = t * p.n;
    var s = 0.0;
    for (var i = lid.x; i < p.n; i += WG) {
        s += x[xo + i] * x[xo + i];
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
        let v = x[xo + i] * scale * w[i];
        if (p.accumulate != 0u) {
            y[yo + i] += v;
        } else {
            y[yo + i] = v;
        }
    }
}
