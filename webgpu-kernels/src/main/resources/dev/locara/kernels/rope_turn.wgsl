// One turn of the rotary position embedding (llama.cpp's RoPE), shared by attention.wgsl and
// rope_batch.wgsl: pair j < rope_dim / 2 of a head turns by the angle
// pos * theta^(-2j / rope_dim) / factors[j]. The architectures differ only in which values pair up
// and in the frequencies, so both are data: "normal" mode pairs (2j, 2j + 1), neox (qwen2, phi3,
// gemma) pairs (j, j + rope_dim / 2); factors are Llama 3's rope_freqs or Phi-3's LongRoPE factors
// (all ones for the others); theta is per layer (Gemma 3's local layers use another base). Values
// past rope_dim do not turn (partial rotary). The including file declares factors.
struct Turn { c: f32, s: f32, i0: u32, i1: u32 }

fn rope_turn(pos: u32, j: u32, rope_dim: u32, log2_theta: f32, neox: bool) -> Turn {
    let angle = f32(pos) * exp2(-f32(2u * j) / f32(rope_dim) * log2_theta) / factors[j];
    return Turn(cos(angle), sin(angle), select(2u * j, j, neox), select(2u * j + 1u, j + rope_dim / 2u, neox));
}
