package dev.locara.gpu;

/**
 * One kernel's share of a pass ({@link PromptProfile}, {@link StepProfile}).
 *
 * @param name the kernel (its bind groups' label)
 * @param dispatches how many of the pass's dispatches it is
 * @param ms its dispatches' time inside the pass, as {@link PassProfiler} takes it (recorded
 *           several times in one pass against once), so that neither the submission nor the wait counts
 */
public record KernelTime(String name, int dispatches, double ms) {
}
