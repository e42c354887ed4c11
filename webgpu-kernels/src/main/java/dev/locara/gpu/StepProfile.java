package dev.locara.gpu;

import java.util.List;

/**
 * One decode step (with its logits) timed whole and kernel by kernel ({@link GpuLlama#profileStep}).
 *
 * @param position the step's position
 * @param ms the step's dispatches in one pass, best of three
 * @param kernels each kernel's share, in the order the step first records them
 */
public record StepProfile(int position, double ms, List<KernelTime> kernels) {
}
