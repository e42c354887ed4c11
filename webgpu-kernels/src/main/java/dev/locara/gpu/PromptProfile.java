package dev.locara.gpu;

import java.util.List;

/**
 * One prompt chunk timed whole and kernel by kernel ({@link GpuLlama#profilePrompt}): where a
 * prompt's time goes, for the benchmark's {@code --profile}.
 *
 * @param start the chunk's first position
 * @param count its tokens
 * @param ms the chunk's dispatches in one pass, best of three
 * @param kernels each kernel's share, in the order the chunk first records them
 */
public record PromptProfile(int start, int count, double ms, List<KernelTime> kernels) {
}
