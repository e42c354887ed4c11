package dev.locara.gpu;

import org.teavm.jso.webgpu.GPUBindGroup;
import org.teavm.jso.webgpu.GPUComputePassEncoder;
import org.teavm.jso.webgpu.GPUPipeline;

/** One prepared kernel launch: pipeline, bind group (built once) and workgroup counts. */
public record Dispatch(GPUPipeline.Compute pipeline, GPUBindGroup bindGroup, int workgroups, int workgroupsY) {
    public Dispatch(GPUPipeline.Compute pipeline, GPUBindGroup bindGroup, int workgroups) {
        this(pipeline, bindGroup, workgroups, 1);
    }

    public void record(GPUComputePassEncoder pass) {
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, bindGroup);
        pass.dispatchWorkgroups(workgroups, workgroupsY);
    }

    static int groups(int invocations, int workgroupSize) {
        return (invocations + workgroupSize - 1) / workgroupSize;
    }
}
