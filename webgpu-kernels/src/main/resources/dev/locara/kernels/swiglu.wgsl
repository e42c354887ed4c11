// Gated feed-forward activation, in place: gate[i] = act(gate[i]) * up[i], act = SiLU (SwiGLU) or,
// with gelu != 0, GELU in its tanh approximation (GeGLU, Gemma; ggml_gelu's formula). One flag in
// the uniform rather than a second kernel: the two differ in one expression.
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
    let g = gate[i];
    var a: f32;
    if (p.gelu != 0u) {
        // sqrt(2/pi); the tanh argument is clamped because tanh may overflow to NaN for large |g|.
        a = 0.5 * g * (1.0 + tanh(clamp(0.7978845608 * (g + 0.044715 * g * g * g), -15.0, 15.0)));
    } else {
        a = g / (1.0 + exp(-g));
    }
    gate[i] = a * up[i];
}
