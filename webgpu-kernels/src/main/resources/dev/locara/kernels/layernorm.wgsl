// LayerNorm of each token of a batch, in place: x[t] = (s - mean(s)) / sqrt(var(s) + eps) * w + bias,
// where s = x[t] plus up to two addend rows a[t] and b[t] (the encoder's embeddings: token + position
// + token type), for t < batch.count, rows n values wide. BERT's blocks are post-norm: the matrix
// kernel has already added the sublayer's output into x (matmul.wgsl's accumulate), so the norm
// follows the add without a dispatch of its own for it.
//
// Why it is shaped this way: one workgroup per row, as rmsnorm_batch.wgsl: a strided partial sum per
// invocation and a tree reduction in workgroup memory (the encoder's kernels take
// WebGpu.reductionWorkgroup, 4 on a CPU-emulated adapter, where every barrier switches between all
// of a workgroup's SIMD groups). Mean and variance are two reductions, the variance over the
// centred values as the CPU reference computes it, not E[x^2] - mean^2, which cancels badly in f32
// when a row's mean is large against its spread. Each invocation rereads only the values it wrote,
// so the row needs no copy to be normalized in place.
struct Params { n: u32, eps: f32, addends: u32, _p0: u32 }
struct Batch { start: u32, count: u32, _p0: u32, _p1: u32 }

override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<uniform> batch: Batch;
@group(0) @binding(2) var<storage, read_write> x: array<f32>;
@group(0) @binding(3) var<storage, read> a: array<f32>;    // [count][n], read when addends >= 1
@group(0) @binding(4) var<storage, read> b: array<f32>;    // [count][n], read when addends == 2
@group(0) @binding(5) var<storage, read> w: array<f32>;    // [n]
@group(0) @binding(6) var<storage, read> bias: array<f32>; // [n]

var<workgroup> partial: array<f32, WG>;

// The sum of every invocation's v, in each of them.
fn workgroup_sum(lid: u32, v: f32) -> f32 {
    partial[lid] = v;
    workgroupBarrier();
    for (var stride = WG / 2u; stride > 0u; stride = stride / 2u) {
        if (lid < stride) {
            partial[lid] += partial[lid + stride];
        }
        workgroupBarrier();
    }
    let total = partial[0];
    workgroupBarrier(); // before the next reduction overwrites partial[0]
    return total;
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let t = wid.x;
    if (t >= batch.count) {
        return; // the whole workgroup leaves: no barrier is left half-reached
    }
    let o = t * p.n;
    var s = 0.0;
    for (var i = lid.x; i < p.n; i += WG) {
        var v = x[o + i];
        if (p.addends >= 1u) {
            v += a[o + i];
        }
        if (p.addends >= 2u) {
            v += b[o + i];
        }
        x[o + i] = v;
        s += v;
    }
    let mean = workgroup_sum(lid.x, s) / f32(p.n);
    var ss = 0.0;
    for (var i = lid.x; i < p.n; i += WG) {
        let c = x[o + i] - mean;
        ss += c * c;
    }
    let scale = 1.0 / sqrt(workgroup_sum(lid.x, ss) / f32(p.n) + p.eps);
    for (var i = lid.x; i < p.n; i += WG) {
        x[o + i] = (x[o + i] - mean) * scale * w[i] + bias[i];
    }
}
