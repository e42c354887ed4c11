package dev.locara.gpu;

import java.util.function.IntUnaryOperator;
import org.teavm.jso.webgpu.GPUComputePassEncoder;

/**
 * A prepared dispatch of a batch pass ({@link GpuPrefill}, {@link GpuEncoder}) whose workgroup
 * counts follow the batch's token count: bound once for the largest batch, recorded per batch.
 */
record BatchStep(Dispatch dispatch, IntUnaryOperator x, IntUnaryOperator y) {
    static final IntUnaryOperator ONE = n -> 1;
    static final IntUnaryOperator PER_TOKEN = n -> n;

    void record(GPUComputePassEncoder pass, int count) {
        pass.setPipeline(dispatch.pipeline());
        pass.setBindGroup(0, dispatch.bindGroup());
        pass.dispatchWorkgroups(x.applyAsInt(count), y.applyAsInt(count));
    }

    /** The dispatch's own workgroup count along x, whatever the batch. */
    static IntUnaryOperator fixed(Dispatch d) {
        int groups = d.workgroups();
        return n -> groups;
    }
}
