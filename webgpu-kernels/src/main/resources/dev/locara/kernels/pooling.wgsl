// One unit vector per sequence of a packed batch: the sequence's token states pooled as the GGUF's
// pooling_type says (mode 0: CLS, its first token; 1: MEAN over its tokens; 2: LAST), then divided by
// their L2 norm: out[s] = pooled / |pooled|, for the sequences spans[s] = (first, len) names.
//
// Why it is shaped this way: one workgroup per sequence; invocations split the width, each pooling
// its values (a mean walks the sequence's rows, reading each value once) and summing their squares,
// then one tree reduction in workgroup memory for the norm. The pooled vectors are all the batch
// reads back: a few KB instead of every token's states.
struct Params { dim: u32, mode: u32, _p0: u32, _p1: u32 }

override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> spans: array<vec2<u32>>; // [sequences] (first token, length)
@group(0) @binding(2) var<storage, read> x: array<f32>;           // [tokens][dim]
@group(0) @binding(3) var<storage, read_write> out: array<f32>;   // [sequences][dim]

var<workgroup> partial: array<f32, WG>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let s = wid.x;
    let span = spans[s];
    let o = s * p.dim;
    var ss = 0.0;
    for (var i = lid.x; i < p.dim; i += WG) {
        var v = 0.0;
        if (p.mode == 1u) {
            for (var t = span.x; t < span.x + span.y; t++) {
                v += x[t * p.dim + i];
            }
            v /= f32(span.y);
        } else {
            let t = select(span.x, span.x + span.y - 1u, p.mode == 2u);
            v = x[t * p.dim + i];
        }
        out[o + i] = v;
        ss += v * v;
    }
    partial[lid.x] = ss;
    workgroupBarrier();
    for (var stride = WG / 2u; stride > 0u; stride = stride / 2u) {
        if (lid.x < stride) {
            partial[lid.x] += partial[lid.x + stride];
        }
        workgroupBarrier();
    }
    let inv = select(0.0, 1.0 / sqrt(partial[0]), partial[0] > 0.0);
    for (var i = lid.x; i < p.dim; i += WG) {
        out[o + i] *= inv;
    }
}
