// The gated feed-forward activation, shared by swiglu.wgsl and matvec.wgsl (glu != 0):
// act(g) * u with act = SiLU (SwiGLU) or, when gelu, GELU in its tanh approximation (GeGLU, Gemma;
// ggml_gelu's formula). The tanh argument is clamped because tanh may overflow to NaN for large |g|.
fn glu(g: f32, u: f32, gelu: bool) -> f32 {
    if (gelu) {
        return 0.5 * g * (1.0 + tanh(clamp(0.7978845608 * (g + 0.044715 * g * g * g), -15.0, 15.0))) * u;
    }
    return g / (1.0 + exp(-g)) * u;
}
