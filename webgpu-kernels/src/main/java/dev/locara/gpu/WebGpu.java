package dev.locara.gpu;

import dev.locara.js.Async;
import dev.locara.js.JsException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.Navigator;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSMapLike;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;
import org.teavm.jso.webgpu.GPU;
import org.teavm.jso.webgpu.GPUAdapter;
import org.teavm.jso.webgpu.GPUBindGroup;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUCommandEncoder;
import org.teavm.jso.webgpu.GPUComputePassEncoder;
import org.teavm.jso.webgpu.GPUDescriptor;
import org.teavm.jso.webgpu.GPUDevice;
import org.teavm.jso.webgpu.GPUPipeline;
import org.teavm.jso.webgpu.GPUQueue;

/**
 * The WebGPU device the engine computes on: its adapter, the limits it was granted, its errors, the
 * kernel shapes chosen for it, and reading results back. Buffers come from its {@link #buffers()
 * pool} and pipelines from its {@link #pipelines() cache}.
 */
public final class WebGpu {
    private final GPUDevice device;
    private final GPUQueue queue;
    private final AdapterInfo info;
    private final BufferPool buffers;
    private final PipelineCache pipelines;
    /** The device's largest storage binding, and the fewest storage buffers per kernel, as granted. */
    private final long maxBinding;
    private final int maxStorageBuffers;
    private final boolean shaderF16;
    private String firstError;
    /** Why the device was lost ({@code GPUDeviceLostInfo}'s message), or null while it is not. */
    private String lostMessage;
    /** The engine destroyed it itself ({@link #destroy}): its loss is expected, no news to report. */
    private boolean destroying;
    /** Host side of {@link #readFloats}, in linear memory, and its float view; grown as needed. */
    private ByteBuffer hostFloats;
    private FloatBuffer hostFloatValues;
    private long bindingLimit;
    private int storageBuffers;
    private boolean cpuShapes;

    private WebGpu(GPUDevice device, AdapterInfo info, GPUAdapter.SupportedLimits granted, boolean shaderF16,
                   String kernelBaseUrl) {
        this.device = device;
        this.queue = device.getQueue();
        this.info = info;
        this.maxBinding = (long) granted.getMaxStorageBufferBindingSize();
        this.maxStorageBuffers = granted.getMaxStorageBuffersPerShaderStage();
        this.shaderF16 = shaderF16;
        this.buffers = new BufferPool(device, maxBinding, (long) granted.getMaxBufferSize());
        this.pipelines = new PipelineCache(device, kernelBaseUrl);
        this.cpuShapes = info.emulated();
        this.bindingLimit = maxBinding;
        this.storageBuffers = maxStorageBuffers;
        onUncapturedError(device, this::recordError);
        onLost(device, this::recordLost);
    }

    /**
     * Requests an adapter and a device with the adapter's largest storage-binding and buffer sizes.
     *
     * @param kernelBaseUrl where the .wgsl files are served, e.g. "kernels/"
     */
    public static WebGpu open(String kernelBaseUrl) {
        if (!hasWebGpu()) {
            throw new WebGpuUnavailableException(isSecureContext() ? "This browser does not offer WebGPU."
                    : "WebGPU needs a secure context: open the workbench from http://127.0.0.1 or http://localhost, or over https.");
        }
        GPU gpu = Navigator.getGPU();
        GPUDescriptor.RequestAdapterOptions options = GPUDescriptor.create();
        options.setPowerPreference("high-performance");
        GPUAdapter adapter;
        try {
            adapter = Async.await(gpu.requestAdapter(options));
        } catch (JsException e) {
            throw new WebGpuUnavailableException("The browser refused a WebGPU adapter (" + e.getMessage() + ").");
        }
        if (adapter == null || JSObjects.isUndefined(adapter)) {
            throw new WebGpuUnavailableException("The browser has WebGPU but offered no GPU adapter: the GPU or its driver"
                    + " may be blocked.");
        }
        GPUAdapter.SupportedLimits limits = adapter.getLimits();
        JSMapLike<JSNumber> required = JSObjects.create();
        required.set("maxStorageBufferBindingSize", JSNumber.valueOf(limits.getMaxStorageBufferBindingSize()));
        required.set("maxBufferSize", JSNumber.valueOf(limits.getMaxBufferSize()));
        required.set("maxStorageBuffersPerShaderStage", JSNumber.valueOf(limits.getMaxStorageBuffersPerShaderStage()));
        required.set("maxComputeWorkgroupStorageSize", JSNumber.valueOf(limits.getMaxComputeWorkgroupStorageSize()));
        required.set("maxComputeInvocationsPerWorkgroup", JSNumber.valueOf(limits.getMaxComputeInvocationsPerWorkgroup()));
        required.set("maxComputeWorkgroupSizeX", JSNumber.valueOf(limits.getMaxComputeWorkgroupSizeX()));
        boolean f16 = adapter.getFeatures().has("shader-f16");
        GPUDescriptor.Device descriptor = GPUDescriptor.create();
        descriptor.setRequiredLimits(required);
        descriptor.setRequiredFeatures(f16 ? new String[] {"shader-f16"} : new String[0]);
        GPUDevice device;
        try {
            device = Async.await(adapter.requestDevice(descriptor));
        } catch (JsException e) {
            throw new WebGpuUnavailableException("The GPU adapter refused to create a device (" + e.getMessage() + ").");
        }
        GPUAdapter.Info a = adapter.getInfo();
        AdapterInfo info = new AdapterInfo(a.getVendor(), a.getArchitecture(), a.getDescription(), a.isFallbackAdapter());
        return new WebGpu(device, info, device.getLimits(), f16, kernelBaseUrl);
    }

    /** Destroys the device and with it every buffer: how the engine starts afresh after the device failed. */
    public void destroy() {
        destroying = true;
        device.destroy();
    }

    /**
     * Whether the device was lost behind the engine's back (a driver reset, the GPU process gone, the
     * browser reclaiming it; {@code device.destroy()} called by anyone but {@link #destroy}), and why:
     * null while it is fine. A loss is announced by {@code GPUDevice.lost}, a promise, which may settle
     * just after the failed call that revealed it: this gives it that moment (one macrotask) first.
     */
    public String lostWhy() {
        if (lostMessage == null && !destroying) {
            Async.await(afterLostCheck(device));
        }
        return destroying ? null : lostMessage;
    }

    private void recordLost(String reason, String message) {
        lostMessage = (message == null || message.isBlank() ? "no reason given" : message) + " (" + reason + ")";
    }

    /**
     * Whether the device can take another model: it has reported no error (after one, no result on
     * it is trusted) and is not lost. Otherwise the engine destroys it and opens a new one.
     */
    public boolean reusable() {
        return firstError == null && lostMessage == null && !destroying;
    }

    public AdapterInfo info() {
        return info;
    }

    /** Whether the device was created with shader-f16 (the adapter offers it). */
    public boolean shaderF16() {
        return shaderF16;
    }

    public GPUDevice device() {
        return device;
    }

    public GPUQueue queue() {
        return queue;
    }

    /** The buffers this device holds for the engine, and the memory budget a model must fit. */
    public BufferPool buffers() {
        return buffers;
    }

    /** The compute pipelines compiled on this device. */
    public PipelineCache pipelines() {
        return pipelines;
    }

    /** Largest storage binding that weight tensors may take; beyond it they are split by rows. */
    public long bindingLimit() {
        return bindingLimit;
    }

    /** Lowers the binding limit below the device's, so tests can exercise tensor splitting. */
    public void limitBindings(long bytes) {
        bindingLimit = Math.min(bytes, maxBinding);
    }

    /** Storage buffers one kernel may bind (WebGPU's default is 8; adapters offer more or not). */
    public int storageBuffersPerStage() {
        return storageBuffers;
    }

    /** Lowers the storage buffers a kernel may bind below the device's, so tests can exercise the shapes that need fewer. */
    public void limitStorageBuffers(int n) {
        storageBuffers = Math.min(n, maxStorageBuffers);
    }

    /**
     * Whether kernels take their shapes for a CPU-emulated adapter ({@link AdapterInfo#emulated}):
     * matvec with one invocation per group of rows, 4-wide reductions, blocks repacked on the CPU.
     * True on such an adapter unless {@link #useGpuShapes} was called.
     */
    public boolean cpuShapes() {
        return cpuShapes;
    }

    /**
     * Makes the kernels created from now on take the shapes a real GPU gets (cooperative matvec,
     * 64-wide reductions, repack.wgsl), whatever the adapter: the checks run them on SwiftShader, so
     * that the code a GPU runs is checked on machines that have none.
     */
    public void useGpuShapes() {
        cpuShapes = false;
    }

    /**
     * Workgroup size of the kernels that reduce in workgroup memory (attention, norms; a power of
     * two, for their tree reductions). A GPU wants a full workgroup; a CPU emulation runs a
     * workgroup as SIMD groups of 4 invocations and switches between all of them at every barrier,
     * so there one group of 4 makes each barrier nearly free (the many heads and tokens still spread
     * over the cores as workgroups).
     */
    public int reductionWorkgroup() {
        return cpuShapes ? 4 : 64;
    }

    /** Blocks until the GPU has finished all submitted work, so a timed region ends when the work does. */
    public void awaitIdle() {
        Async.await(queue.onSubmittedWorkDone());
    }

    /**
     * Wall time in milliseconds of one compute pass that {@code record} fills, submitted and drained:
     * how the device probes and the benchmark's kernel runs time GPU work. performance.now() is
     * coarsened to 5 microseconds where the page is cross-origin isolated (the app and the bench are).
     */
    public double timePass(java.util.function.Consumer<GPUComputePassEncoder> record) {
        double t0 = now();
        GPUCommandEncoder encoder = device.createCommandEncoder();
        GPUComputePassEncoder pass = encoder.beginComputePass();
        record.accept(pass);
        pass.end();
        JSArray<GPUCommandEncoder.CommandBuffer> commands = JSArray.create();
        commands.push(encoder.finish());
        queue.submit(commands);
        awaitIdle();
        return now() - t0;
    }

    @JSBody(script = "return performance.now();")
    private static native double now();

    /** A bind group for group 0 of {@code pipeline}: binding i is buffers[i], whole; none where buffers[i] is null. */
    public GPUBindGroup bindGroup(GPUPipeline.Compute pipeline, String label, GPUBuffer... buffers) {
        int n = 0;
        for (GPUBuffer b : buffers) {
            n += b != null ? 1 : 0;
        }
        GPUDescriptor.BindGroupEntry[] entries = new GPUDescriptor.BindGroupEntry[n];
        n = 0;
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] == null) {
                continue; // a binding this pipeline's defines left out
            }
            GPUDescriptor.BufferBinding binding = GPUDescriptor.create();
            binding.setBuffer(buffers[i]);
            GPUDescriptor.BindGroupEntry entry = GPUDescriptor.create();
            entry.setBinding(i);
            entry.setResource(binding);
            entries[n++] = entry;
        }
        GPUDescriptor.BindGroup d = GPUDescriptor.create();
        d.setLabel(label);
        d.setLayout(pipeline.getBindGroupLayout(0));
        d.setEntries(entries);
        return device.createBindGroup(d);
    }

    /** Copies {@code bytes} of a mapped-readable buffer into the CPU after the queue's work is done. */
    public ArrayBuffer read(GPUBuffer readback, long bytes) {
        Async.await(readback.mapAsync(GPUBuffer.MapMode.READ, 0, bytes));
        ArrayBuffer copy = readback.getMappedRange(0, bytes).slice(0, (int) bytes);
        readback.unmap();
        throwIfFailed();
        return copy;
    }

    /**
     * Reads the first {@code count} floats of a mappable buffer into {@code out}: a decode step's
     * logits when sampling at a temperature. The mapped range is copied once, by JavaScript, into a
     * direct buffer in WebAssembly's linear memory, kept between calls, and taken from there into
     * {@code out} by a loop inside WebAssembly: Float32Array.copyToJavaArray would cross between
     * JavaScript and WebAssembly value by value, which for a large vocabulary takes longer than a
     * GPU's whole decode step.
     */
    public void readFloats(GPUBuffer readback, int count, float[] out) {
        long bytes = 4L * count;
        Async.await(readback.mapAsync(GPUBuffer.MapMode.READ, 0, bytes));
        if (hostFloats == null || hostFloats.capacity() < bytes) {
            hostFloats = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
            hostFloatValues = hostFloats.asFloatBuffer(); // once, not per token
        }
        // The view is made after the allocation above: growing linear memory detaches older views.
        Int8Array.fromJavaBuffer(hostFloats).set(new Int8Array(readback.getMappedRange(0, bytes)));
        readback.unmap();
        throwIfFailed();
        hostFloatValues.get(0, out, 0, count);
    }

    /** Throws the first validation or out-of-memory error the device reported, so no result is trusted after one. */
    public void throwIfFailed() {
        if (firstError != null) {
            throw new IllegalStateException("The GPU reported an error: " + firstError);
        }
    }

    private void recordError(String message) {
        if (firstError == null) {
            firstError = message;
        }
    }

    @JSFunctor
    interface ErrorCallback extends JSObject {
        void onError(String message);
    }

    @JSFunctor
    interface LostCallback extends JSObject {
        void onLost(String reason, String message);
    }

    @JSBody(params = {"device", "callback"}, script = "device.lost.then(function (info) {"
            + " console.warn('WebGPU device lost (' + info.reason + '): ' + info.message);"
            + " callback(String(info.reason), String(info.message || '')); });")
    private static native void onLost(GPUDevice device, LostCallback callback);

    /** Settles once {@code device.lost} has (it already may have) or a macrotask has passed, whichever comes first. */
    @JSBody(params = "device", script = "return Promise.race([device.lost.then(function () { return {}; }),"
            + " new Promise(function (done) { setTimeout(function () { done({}); }, 0); })]);")
    private static native org.teavm.jso.core.JSPromise<JSObject> afterLostCheck(GPUDevice device);

    @JSBody(params = {"device", "callback"}, script = "device.addEventListener('uncapturederror', function (e) {"
            + " console.error('WebGPU error: ' + e.error.message); callback(e.error.message); });")
    private static native void onUncapturedError(GPUDevice device, ErrorCallback callback);

    @JSBody(script = "return typeof navigator !== 'undefined' && !!navigator.gpu;")
    private static native boolean hasWebGpu();

    @JSBody(script = "return !!self.isSecureContext;")
    private static native boolean isSecureContext();
}
