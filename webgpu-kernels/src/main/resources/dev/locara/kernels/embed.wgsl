// The current token's row of the embedding table, dequantized: y = W[tok.id, :]. The token id is in
// the token uniform, so the command buffer stays the same for every token. When the table is split
// across bindings each split has a dispatch and only the one holding the row writes.
//
// Why it is shaped this way: one invocation per 32-value chunk of the row (quant.wgsl), a tiny
// dispatch that replaces the CPU-side copy an f32-only table allowed.
#include "quant.wgsl"

// scale multiplies the row (Gemma: sqrt(dim); 1 for the others).
struct Params { cols: u32, row_words: u32, first_row: u32, rows: u32, scale: f32, _p0: u32, _p1: u32, _p2: u32 }
struct Token { pos: u32, id: u32, _p1: u32, _p2: u32 }

override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<uniform> tok: Token;
@group(0) @binding(2) var<storage, read> w: array<u32>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let c = gid.x;
    if (c * 32u >= p.cols || tok.id < p.first_row || tok.id >= p.first_row + p.rows) {
        return;
    }
    let row = (tok.id - p.first_row) * p.row_words;
    if (c < p.cols / 32u) {
        let v = chunk_values(row, c);
        for (var i = 0u; i < 8u; i++) {
            for (var j = 0u; j < 4u; j++) {
                y[c * 32u + 4u * i + j] = v[i][j] * p.scale;
            }
        }
    } else {
        for (var k = c * 32u; k < p.cols; k++) { // the last, partial chunk (F32/F16/BF16 only)
            y[k] = value_at(row, k) * p.scale;
        }
    }
}
