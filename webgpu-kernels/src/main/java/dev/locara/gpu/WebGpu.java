package dev.locara.gpu;

import dev.locara.js.Async;
import dev.locara.js.Fetch;
import dev.locara.js.JsException;
import dev.locara.js.Response;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.Navigator;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSMapLike;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int32Array;
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
import org.teavm.jso.webgpu.GPUShaderModule;

/**
 * The WebGPU device the engine computes on, and the few operations every kernel needs: buffers,
 * uniforms, bind groups and pipelines compiled from the .wgsl files served beside the app.
 */
public final class WebGpu {
    private final GPUDevice device;
    private final GPUQueue queue;
    private final AdapterInfo info;
    private final String kernelBaseUrl;
    private final Map<String, String> sources = new HashMap<>();
    private final Map<String, GPUShaderModule> modules = new HashMap<>();
    private final Map<String, GPUPipeline.Compute> pipelines = new HashMap<>();
    private final Map<String, Compiling> compiling = new HashMap<>();
    private String firstError;
    private boolean lost;
    /**
     * Every buffer created through this object and not yet released, what {@link #releaseAll} frees:
     * a JavaScript Set, so that a buffer is found by identity whatever wrapper Java holds for it.
     */
    private final JSObject live = newSet();
    /** Host side of {@link #readFloats}, in linear memory, and its float view; grown as needed. */
    private ByteBuffer hostFloats;
    private FloatBuffer hostFloatValues;
    private long bindingLimit;
    private int storageBuffers;
    private long memoryBudget;
    private long allocatedBytes;
    private boolean cpuShapes;

    private WebGpu(GPUDevice device, AdapterInfo info, String kernelBaseUrl) {
        this.device = device;
        this.queue = device.getQueue();
        this.info = info;
        this.cpuShapes = info.emulated();
        this.kernelBaseUrl = kernelBaseUrl;
        this.bindingLimit = (long) info.maxStorageBufferBindingSize();
        this.storageBuffers = info.maxStorageBuffersPerShaderStage();
        this.memoryBudget = defaultMemoryBudget(info);
        onUncapturedError(device, this::recordError);
        onLost(device, () -> lost = true);
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
        GPUAdapter.SupportedLimits got = device.getLimits();
        AdapterInfo info = new AdapterInfo(a.getVendor(), a.getArchitecture(), a.getDescription(), a.isFallbackAdapter(),
                got.getMaxStorageBufferBindingSize(), got.getMaxBufferSize(), got.getMaxStorageBuffersPerShaderStage(), f16);
        return new WebGpu(device, info, kernelBaseUrl);
    }

    /** Destroys the device and with it every buffer: how the engine starts afresh after the device failed. */
    public void destroy() {
        device.destroy();
    }

    /**
     * Frees every buffer created through this object (a model's weights, caches, uniforms and
     * scratch), keeping the device and its compiled pipelines: how the engine frees one model before
     * loading another, or the same one with another context. Pipelines are compiled per device, and
     * compiling is most of a load where the adapter compiles on the CPU (SwiftShader: 0.7 to 3 s per
     * model), so a new device per model paid it again for every switch, even back to a model whose
     * kernels were compiled a minute before.
     */
    public void releaseAll() {
        destroyAll(live);
        allocatedBytes = 0;
    }

    /**
     * Whether the device can take another model: it has reported no error (after one, no result on
     * it is trusted) and is not lost. Otherwise the engine destroys it and opens a new one.
     */
    public boolean reusable() {
        return firstError == null && !lost;
    }

    public AdapterInfo info() {
        return info;
    }

    /**
     * Bytes of the buffers created through this object and not {@link #release released} (a model's
     * buffers live as long as the device), so the benchmark can report the engine's GPU memory, which
     * WebGPU does not tell.
     */
    public long allocatedBytes() {
        return allocatedBytes;
    }

    public GPUDevice device() {
        return device;
    }

    public GPUQueue queue() {
        return queue;
    }

    /** Largest storage binding that weight tensors may take; beyond it they are split by rows. */
    public long bindingLimit() {
        return bindingLimit;
    }

    /**
     * Whether kernels take their shapes for a CPU-emulated adapter: matvec with one invocation per
     * group of rows, 4-wide reductions, blocks repacked on the CPU. True on such an adapter unless
     * {@link #useGpuShapes} was called.
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

    /** Storage buffers one kernel may bind (WebGPU's default is 8; adapters offer more or not). */
    public int storageBuffersPerStage() {
        return storageBuffers;
    }

    /** Lowers the storage buffers a kernel may bind below the device's, so tests can exercise the shapes that need fewer. */
    public void limitStorageBuffers(int n) {
        storageBuffers = Math.min(n, info.maxStorageBuffersPerShaderStage());
    }

    /** Lowers the binding limit below the device's, so tests can exercise tensor splitting. */
    public void limitBindings(long bytes) {
        bindingLimit = Math.min(bytes, (long) info.maxStorageBufferBindingSize());
    }

    /**
     * Bytes of GPU memory a model may take. WebGPU does not tell how much memory a device has, so this
     * is an estimate: half the memory the browser reports (navigator.deviceMemory, which browsers round
     * and cap at 8 GiB), or 2 GiB when it reports none; never more than 16 buffers of the largest size.
     */
    public long memoryBudget() {
        return memoryBudget;
    }

    /** Replaces the estimated budget (a user setting, or a test). */
    public void setMemoryBudget(long bytes) {
        memoryBudget = bytes;
    }

    private static long defaultMemoryBudget(AdapterInfo info) {
        double gib = deviceMemoryGib();
        long budget = gib > 0 ? (long) (gib * (1L << 30) / 2) : 2L << 30;
        return Math.min(budget, 16L * (long) info.maxBufferSize());
    }

    /** A storage buffer of {@code bytes} bytes (rounded up to 4), readable and writable by copies too. */
    public GPUBuffer storage(long bytes, String label) {
        if (bytes > info.maxStorageBufferBindingSize()) {
            throw new IllegalArgumentException(label + " needs " + bytes + " bytes in one binding but this device allows "
                    + (long) info.maxStorageBufferBindingSize() + ".");
        }
        GPUDescriptor.Buffer d = GPUDescriptor.create();
        d.setLabel(label);
        long size = Math.max(4, (bytes + 3) / 4 * 4);
        d.setSize(size);
        d.setUsage(GPUBuffer.Usage.STORAGE | GPUBuffer.Usage.COPY_DST | GPUBuffer.Usage.COPY_SRC);
        allocatedBytes += size;
        return track(device.createBuffer(d));
    }

    private GPUBuffer track(GPUBuffer buffer) {
        add(live, buffer);
        return buffer;
    }

    @JSBody(script = "return new Set();")
    private static native JSObject newSet();

    @JSBody(params = {"set", "buffer"}, script = "set.add(buffer);")
    private static native void add(JSObject set, GPUBuffer buffer);

    @JSBody(params = {"set", "buffer"}, script = "set.delete(buffer);")
    private static native void remove(JSObject set, GPUBuffer buffer);

    @JSBody(params = "set", script = "set.forEach(function (b) { b.destroy(); }); set.clear();")
    private static native void destroyAll(JSObject set);

    /**
     * A storage buffer as {@link #storage}, or null when the device is out of memory for it. The
     * error is caught in an error scope, so it does not become the device's {@link #throwIfFailed
     * first error}: a loaded model keeps working after a temporary buffer did not fit beside it.
     */
    public GPUBuffer storageIfRoom(long bytes, String label) {
        device.pushErrorScope("out-of-memory");
        GPUBuffer buffer = storage(bytes, label);
        if (Async.await(device.popErrorScope()) == null) {
            return buffer;
        }
        release(buffer);
        return null;
    }

    /**
     * Frees one buffer now rather than with the device: for temporary buffers (the device probes'),
     * which must not stay allocated beside a loaded model.
     */
    public void release(GPUBuffer buffer) {
        allocatedBytes -= (long) buffer.getSize();
        remove(live, buffer);
        buffer.destroy();
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

    /** A buffer the CPU maps to read results back. */
    public GPUBuffer readback(long bytes, String label) {
        GPUDescriptor.Buffer d = GPUDescriptor.create();
        d.setLabel(label);
        d.setSize(bytes);
        d.setUsage(GPUBuffer.Usage.MAP_READ | GPUBuffer.Usage.COPY_DST);
        allocatedBytes += bytes;
        return track(device.createBuffer(d));
    }

    /**
     * A uniform buffer holding {@code words} 32-bit values (floats passed as their bits), padded to
     * 16 bytes; the order must match the WGSL struct's field order.
     */
    public GPUBuffer uniform(String label, int... words) {
        int padded = (words.length + 3) / 4 * 4;
        GPUDescriptor.Buffer d = GPUDescriptor.create();
        d.setLabel(label);
        d.setSize(padded * 4);
        d.setUsage(GPUBuffer.Usage.UNIFORM | GPUBuffer.Usage.COPY_DST);
        GPUBuffer buffer = track(device.createBuffer(d));
        allocatedBytes += padded * 4L;
        Int32Array data = new Int32Array(padded);
        for (int i = 0; i < words.length; i++) {
            data.set(i, words[i]);
        }
        queue.writeBuffer(buffer, 0, data);
        return buffer;
    }

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

    /**
     * The compute pipeline of {@code file}'s entry point "main" with the given override constants
     * (workgroup sizes are injected this way, so the Java class that dispatches owns them).
     */
    public GPUPipeline.Compute pipeline(String file, String[] constantNames, int[] constantValues) {
        return pipeline(file, Set.of(), constantNames, constantValues);
    }

    /**
     * The same for a file with preprocessor lines ({@link WgslPreprocessor}): {@code defines} select
     * its variant (a quant type), and pipelines are cached per file, defines and constants.
     */
    public GPUPipeline.Compute pipeline(String file, Set<String> defines, String[] constantNames, int[] constantValues) {
        return pipeline(new PipelineSpec(file, defines, constantNames, constantValues));
    }

    /** One pipeline as {@link #pipeline(String, Set, String[], int[])} names it. */
    public record PipelineSpec(String file, Set<String> defines, String[] constantNames, int[] constantValues) {
        String variant() {
            return file + (defines.isEmpty() ? "" : new TreeSet<>(defines).toString());
        }

        String key() {
            StringBuilder key = new StringBuilder(variant());
            for (int i = 0; i < constantNames.length; i++) {
                key.append(';').append(constantNames[i]).append('=').append(constantValues[i]);
            }
            return key.toString();
        }
    }

    /** The pipeline of {@code spec}: cached, or awaited if {@link #startCompiling} started it, or compiled now. */
    public GPUPipeline.Compute pipeline(PipelineSpec spec) {
        GPUPipeline.Compute cached = pipelines.get(spec.key());
        if (cached != null) {
            return cached;
        }
        startCompiling(List.of(spec));
        Compiling started = compiling.get(spec.key());
        if (started != null) { // else another caller awaited it meanwhile
            finishCompiling(List.of(started));
        }
        return pipelines.get(spec.key());
    }

    /** A pipeline whose compilation was started and not yet awaited. */
    private record Compiling(PipelineSpec spec, GPUShaderModule module, JSPromise<GPUPipeline.Compute> promise) {
    }

    /**
     * Starts compiling the pipelines not yet cached or started, and returns at once: every
     * createComputePipelineAsync is started before any is awaited, so the browser compiles them in
     * parallel (Chromium on its worker threads) instead of one after another as kernels ask for
     * them, and the caller works meanwhile (a model's loader streams its weights). {@link #pipeline}
     * waits for the one it needs. On SwiftShader, where compiling is CPU work, starting them
     * together halved the kernels' part of loading on 2 cores.
     */
    public void startCompiling(List<PipelineSpec> specs) {
        List<String> files = new ArrayList<>();
        for (PipelineSpec spec : specs) {
            files.add(spec.file());
        }
        fetchSources(files);
        for (PipelineSpec spec : specs) {
            String key = spec.key();
            if (pipelines.containsKey(key) || compiling.containsKey(key)) {
                continue;
            }
            GPUShaderModule module = module(spec.file(), spec.variant(), spec.defines());
            JSMapLike<JSNumber> constants = JSObjects.create();
            for (int i = 0; i < spec.constantNames().length; i++) {
                constants.set(spec.constantNames()[i], JSNumber.valueOf(spec.constantValues()[i]));
            }
            GPUDescriptor.ProgrammableStage stage = GPUDescriptor.create();
            stage.setModule(module);
            stage.setEntryPoint("main");
            stage.setConstants(constants);
            GPUDescriptor.ComputePipeline d = GPUDescriptor.create();
            d.setLabel(key);
            d.setLayout("auto");
            d.setCompute(stage);
            compiling.put(key, new Compiling(spec, module, device.createComputePipelineAsync(d)));
        }
    }

    /** Awaits started compilations and caches their pipelines. */
    private void finishCompiling(List<Compiling> todo) {
        if (todo.isEmpty()) {
            return;
        }
        JSArray<JSPromise<GPUPipeline.Compute>> promises = JSArray.create();
        for (Compiling c : todo) {
            promises.push(c.promise());
        }
        JSArray<JSObject> settled = Async.await(settleAll(promises));
        for (int i = 0; i < todo.size(); i++) {
            Compiling c = todo.get(i);
            compiling.remove(c.spec().key());
            JSObject r = settled.get(i);
            if (!settledOk(r)) {
                throw new KernelCompileException(c.spec().variant(),
                        compilerMessages(c.module()) + " (" + settledError(r) + ")");
            }
            pipelines.put(c.spec().key(), settledValue(r));
        }
    }

    // Never-rejecting: TeaVM 0.16 loses a rejection's text (see dev.locara.js.Async).
    @JSBody(params = "ps", script = "return Promise.all(ps.map(function (p) { return p.then("
            + "function (v) { return {ok: true, value: v}; },"
            + "function (e) { return {ok: false, error: (e && e.name ? e.name + ': ' : '') + (e && e.message || e)}; }); }));")
    private static native JSPromise<JSArray<JSObject>> settleAll(JSArray<JSPromise<GPUPipeline.Compute>> promises);

    @JSBody(params = "r", script = "return r.ok;")
    private static native boolean settledOk(JSObject r);

    @JSBody(params = "r", script = "return String(r.error);")
    private static native String settledError(JSObject r);

    @JSBody(params = "r", script = "return r.value;")
    private static native GPUPipeline.Compute settledValue(JSObject r);

    private GPUShaderModule module(String file, String variant, Set<String> defines) {
        GPUShaderModule module = modules.get(variant);
        if (module == null) {
            String code;
            try {
                code = WgslPreprocessor.process(source(file), defines, this::source);
            } catch (IllegalArgumentException e) {
                throw new KernelCompileException(variant, e.getMessage());
            }
            GPUDescriptor.ShaderModule d = GPUDescriptor.create();
            d.setLabel(variant);
            d.setCode(code);
            module = device.createShaderModule(d);
            modules.put(variant, module);
        }
        return module;
    }

    /**
     * Fetches the kernel files not fetched yet, and the files they include, all of a depth of
     * #include at once: a model's dozen files cost a round trip or two before its kernels start
     * compiling, not one each (measured: 90 to 150 ms of a model's load when they were fetched one
     * after another). A file that fails here is left to {@link #source}, which reports it if a kernel
     * really needs it.
     */
    private void fetchSources(List<String> files) {
        Set<String> wanted = new TreeSet<>();
        for (String f : files) {
            if (!sources.containsKey(f)) {
                wanted.add(f);
            }
        }
        while (!wanted.isEmpty()) {
            JSArray<JSString> names = JSArray.create();
            for (String f : wanted) {
                names.push(JSString.valueOf(kernelBaseUrl + f));
            }
            JSArray<JSString> texts = Async.await(fetchTexts(names));
            List<String> fetched = new ArrayList<>(wanted);
            wanted.clear();
            for (int i = 0; i < fetched.size(); i++) {
                JSString text = texts.get(i);
                if (text == null) {
                    continue;
                }
                String source = text.stringValue();
                sources.put(fetched.get(i), source);
                for (String included : WgslPreprocessor.includes(source)) {
                    if (!sources.containsKey(included)) {
                        wanted.add(included);
                    }
                }
            }
        }
    }

    /** The texts of {@code urls}, fetched in parallel; null for one that failed. Never rejects. */
    @JSBody(params = "urls", script = "return Promise.all(urls.map(function (u) { return fetch(u).then("
            + "function (r) { return r.ok ? r.text() : null; }).catch(function () { return null; }); }));")
    private static native JSPromise<JSArray<JSString>> fetchTexts(JSArray<JSString> urls);

    private String source(String file) {
        String text = sources.get(file);
        if (text == null) {
            Response r = Fetch.get(kernelBaseUrl + file);
            if (!r.isOk()) {
                throw new KernelCompileException(file, "the file could not be fetched (HTTP " + r.getStatus() + ").");
            }
            text = Async.await(r.text()).stringValue();
            sources.put(file, text);
        }
        return text;
    }

    private static String compilerMessages(GPUShaderModule module) {
        JSArrayReader<GPUShaderModule.CompilationMessage> messages = Async.await(module.getCompilationInfo()).getMessages();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < messages.getLength(); i++) {
            GPUShaderModule.CompilationMessage m = messages.get(i);
            sb.append(i == 0 ? "" : "; ").append(m.getType()).append(" at line ").append((int) m.getLineNum())
                    .append(": ").append(m.getMessage());
        }
        return sb.length() == 0 ? "no compiler messages" : sb.toString();
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
     * {@code out} by a loop inside WebAssembly. Copying through Float32Array.copyToJavaArray, as
     * before, crossed between JavaScript and WebAssembly value by value: measured per token, 1.2 to
     * 2.1 ms for Qwen2.5's 151936 logits (a GPU's whole decode step may take less) against 0.21 to
     * 0.31 ms this way.
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
        void onLost();
    }

    // A device the engine destroyed itself is lost with reason 'destroyed': no news, so not logged.
    @JSBody(params = {"device", "callback"}, script = "device.lost.then(function (info) {"
            + " if (info.reason !== 'destroyed') console.error('WebGPU device lost: ' + info.message); callback(); });")
    private static native void onLost(GPUDevice device, LostCallback callback);

    @JSBody(params = {"device", "callback"}, script = "device.addEventListener('uncapturederror', function (e) {"
            + " console.error('WebGPU error: ' + e.error.message); callback(e.error.message); });")
    private static native void onUncapturedError(GPUDevice device, ErrorCallback callback);

    @JSBody(script = "return typeof navigator !== 'undefined' && !!navigator.gpu;")
    private static native boolean hasWebGpu();

    @JSBody(script = "return typeof navigator !== 'undefined' && navigator.deviceMemory ? navigator.deviceMemory : 0;")
    private static native double deviceMemoryGib();

    @JSBody(script = "return !!self.isSecureContext;")
    private static native boolean isSecureContext();
}
