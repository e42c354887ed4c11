package dev.locara.gpu;

import dev.locara.js.Async;
import dev.locara.js.Fetch;
import dev.locara.js.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSMapLike;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.webgpu.GPUDescriptor;
import org.teavm.jso.webgpu.GPUDevice;
import org.teavm.jso.webgpu.GPUPipeline;
import org.teavm.jso.webgpu.GPUShaderModule;

/**
 * The compute pipelines of one device, compiled from the .wgsl files served beside the app on first
 * use and kept under their {@link PipelineSpec}: they outlive the models that use them
 * ({@link BufferPool#releaseAll}), since compiling is most of a load where the adapter compiles on
 * the CPU.
 */
public final class PipelineCache {
    private final GPUDevice device;
    private final String kernelBaseUrl;
    private final Map<String, String> sources = new HashMap<>();
    private final Map<String, GPUShaderModule> modules = new HashMap<>();
    private final Map<String, GPUPipeline.Compute> pipelines = new HashMap<>();
    private final Map<String, Compiling> compiling = new HashMap<>();

    /** @param kernelBaseUrl where the .wgsl files are served, e.g. "kernels/" */
    PipelineCache(GPUDevice device, String kernelBaseUrl) {
        this.device = device;
        this.kernelBaseUrl = kernelBaseUrl;
    }

    /** The pipeline of {@code spec}: cached, or awaited if {@link #startCompiling} started it, or compiled now. */
    public GPUPipeline.Compute get(PipelineSpec spec) {
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

    /** How many pipelines were started compiling and not yet awaited (a loader's last wait). */
    public int compilingCount() {
        return compiling.size();
    }

    /** A pipeline whose compilation was started and not yet awaited. */
    private record Compiling(PipelineSpec spec, GPUShaderModule module, JSPromise<GPUPipeline.Compute> promise) {
    }

    /**
     * Starts compiling the pipelines not yet cached or started, and returns at once: every
     * createComputePipelineAsync is started before any is awaited, so the browser compiles them in
     * parallel (Chromium on its worker threads) instead of one after another as kernels ask for
     * them, and the caller works meanwhile (a model's loader streams its weights). {@link #get}
     * waits for the one it needs.
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
            for (Map.Entry<String, Integer> constant : spec.constants().entrySet()) {
                constants.set(constant.getKey(), JSNumber.valueOf(constant.getValue()));
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
     * compiling, not one each. A file that fails here is left to {@link #source}, which reports it
     * if a kernel really needs it.
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
}
