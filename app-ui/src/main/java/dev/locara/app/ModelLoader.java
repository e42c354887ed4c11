package dev.locara.app;

import dev.locara.cache.HttpRangeSource;
import dev.locara.cache.StreamingSource;
import dev.locara.embed.Embedder;
import dev.locara.engine.Generator;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufReader;
import dev.locara.gpu.GpuEncoder;
import dev.locara.gpu.GpuLlama;
import dev.locara.gpu.WebGpu;
import dev.locara.gpu.WeightUpload;
import dev.locara.tokenizer.Tokenizer;
import org.teavm.jso.JSBody;

/** Loads a GGUF onto the GPU: the header by random reads, then the tensors streamed into GPU buffers. */
public final class ModelLoader {
    private ModelLoader() {
    }

    /** A model on the GPU, with the header it was read from (its metadata: chat template, tokens). */
    public record Loaded(GgufFile gguf, Generator generator) {
    }

    /**
     * @param url     where the file is served, relative to the app
     * @param name    the model's name, for error messages
     * @param context the KV cache length (bounded by the model's own)
     */
    public static Loaded load(WebGpu gpu, String url, String name, int context) {
        return load(gpu, HttpRangeSource.open(url, name), context, LoadReport.silent(name));
    }

    /** Loads from any streaming source (the server, or the verified copy in browser storage), telling {@code report}. */
    static Loaded load(WebGpu gpu, StreamingSource source, int context, LoadReport report) {
        report.reading(source.size(), source instanceof HttpRangeSource ? "the server" : "browser storage");
        GgufFile gguf = GgufReader.read(source);
        Tokenizer tokenizer = Tokenizer.fromGguf(gguf);
        GpuLlama model = new GpuLlama(gpu, gguf, context);
        WeightUpload upload = model.upload();
        long header = upload.start();
        report.read(header, upload.tensorCount());
        long total = upload.end() - header;
        source.stream(header, upload.end(), (offset, chunk) -> {
            upload.accept(offset, chunk);
            report.uploading(header, upload.uploadedBytes(), total, upload.tensorsDone(), upload.tensorCount());
        });
        upload.finish();
        report.uploading(header, total, total, upload.tensorCount(), upload.tensorCount());
        report.compiling(gpu.pipelines().compilingCount());
        model.finishLoading(); // its kernels compiled while the weights streamed
        return new Loaded(gguf, new Generator(tokenizer, model, ModelLoader::now));
    }

    /**
     * An embedding model (bert, nomic-bert) onto the GPU the same way: header, then the tensors streamed
     * while its kernels compile; its tokenizer and prefixes come with it ({@link Embedder}).
     */
    public static Embedder loadEncoder(WebGpu gpu, StreamingSource source) {
        GgufFile gguf = GgufReader.read(source);
        Tokenizer tokenizer = Tokenizer.fromGguf(gguf);
        GpuEncoder model = new GpuEncoder(gpu, gguf);
        WeightUpload upload = model.upload();
        source.stream(upload.start(), upload.end(), upload::accept);
        upload.finish();
        model.finishLoading();
        return new Embedder(model, tokenizer);
    }

    /** The generation loop sizes its greedy chunks by this clock. */
    @JSBody(script = "return performance.now();")
    private static native double now();
}
