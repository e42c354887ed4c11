// Probe: the fixed cost of one dispatch. One invocation does one store, so a pass of many such
// dispatches (each depending on the last through the same read-write buffer, as the forward
// pass's kernels do) costs the dispatch overhead and nothing else.
struct Params {
    value: f32,
    _pad0: u32,
    _pad1: u32,
    _pad2: u32,
}

@group(0) @binding(0) var<storage, read_write> sink: array<f32>;
@group(0) @binding(1) var<uniform> p: Params;

@compute @workgroup_size(1)
fn main() {
    sink[0] = sink[0] + p.value;
}
