// The embedding rows of a batch of prompt tokens, dequantized: y[t, :] = W[ids[t], :] for
// t < batch.count. As embed.wgsl, one dispatch per split of the table and only the split holding a
// token's row writes it.
//
// Why it is shaped this way: one invocation per 32-value chunk of one token's row (x: chunks,
// y: tokens), the same unit as embed.wgsl; the ids live in a storage buffer written once per chunk
// of the prompt, so the recorded commands do not change with the tokens.
#include "quant.wgsl"

// scale multiplies the row (Gemma: sqrt(dim); 1 for the others).
struct Params { cols: u32, row_words: u32, first_row: u32, rows: u32, scale: f32, _p0: u32, _p1: u32, _p2: u32 }
struct Batch { start: u32, count: u32, _p0: u32, _p1: u32 }

override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<uniform> batch: Batch;
@group(0) @binding(2) var<storage, read> ids: array<u32>;
@group(0) @binding(3) var<storage, read> w: array<u32>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let c = gid.x;
    let t = gid.y;
    if (t >= batch.count || c * 32u >= p.cols) {
        return;
    }
    let id = ids[t];
    if (id < p.first_row || id >= p.first_row + p.rows) {
        return;
    }
    let row = (id - p.first_row) * p.row_words;
    let o = t * p.cols;
    if (c < p.cols / 32u) {
        let v = chunk_values(row, c);
        for (var i = 0u; i < 8u; i++) {
            for (var j = 0u; j < 4u; j++) {
                y[o + c * 32u + 4u * i + j] = v[i][j] * p.scale;
            }
        }
    } else {
        for (var k = c * 32u; k < p.cols; k++) { // the last, partial chunk (F32/F16/BF16 only)
            y[o + k] = value_at(row, k) * p.scale;
        }
    }
}
