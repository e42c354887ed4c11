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
public record PromptProfile(int start, int count, double ms, List<Kernel> kernels) {
    /**
     * @param name the kernel (its bind groups' label)
     * @param dispatches how many of the chunk's dispatches it is
     * @param ms its dispatches' time inside the chunk: recorded 5 times in one pass against once,
     *           the difference divided by 4, so that neither the submission nor the wait counts
     */
    public record Kernel(String name, int dispatches, double ms) {
    }
}
