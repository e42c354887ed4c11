package dev.locara.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.locara.embed.Vectors;
import dev.locara.embed.Pooling;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX embedding model from a langchain4j artifact, run the way langchain4j runs it: DJL's Hugging Face
 * tokenizer (Rust tokenizers, from tokenizer.json) for the ids, ONNX Runtime for the token states, then the
 * model's pooling and L2 normalization. The independent reference the converted GGUF is measured against.
 */
public final class OnnxReference implements AutoCloseable {
    public final byte[] onnx;
    public final String tokenizerJson;
    public final Pooling pooling;
    private final HuggingFaceTokenizer tokenizer;
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    public OnnxReference(String onnxResource, String tokenizerResource, Pooling pooling) throws IOException, OrtException {
        this.onnx = resource(onnxResource);
        this.tokenizerJson = new String(resource(tokenizerResource), StandardCharsets.UTF_8);
        this.pooling = pooling;
        // No padding, no truncation: each text's own ids, as langchain4j asks for them.
        this.tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson.getBytes(StandardCharsets.UTF_8)),
                Map.of("padding", "false", "truncation", "false"));
        this.session = env.createSession(onnx, new OrtSession.SessionOptions());
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = OnnxReference.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IOException("no resource " + name + " on the test class path");
            }
            return in.readAllBytes();
        }
    }

    public static List<String> sentences() {
        try {
            List<String> out = new ArrayList<>();
            for (String line : new String(resource("dev/locara/onnx/sentences.txt"), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    out.add(line.replace("\\t", "\t").replace("\\n", "\n"));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int[] ids(String text) {
        Encoding e = tokenizer.encode(text, true, false);
        long[] ids = e.getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    /** ONNX Runtime's pooled, normalized vector for these ids (token types 0, mask all 1). */
    public float[] embed(int[] ids) throws OrtException {
        long[] inputIds = new long[ids.length];
        long[] mask = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            inputIds[i] = ids[i];
            mask[i] = 1;
        }
        long[] shape = {1, ids.length};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(inputIds), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (session.getInputNames().contains("token_type_ids")) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape));
            }
            try (OrtSession.Result r = session.run(inputs)) {
                float[][] states = ((float[][][]) r.get(0).getValue())[0];
                float[] v;
                if (pooling == Pooling.CLS) {
                    v = states[0].clone();
                } else {
                    v = new float[states[0].length];
                    for (float[] s : states) {
                        for (int i = 0; i < v.length; i++) {
                            v[i] += s[i] / states.length;
                        }
                    }
                }
                return Vectors.normalize(v);
            }
        } finally {
            for (OnnxTensor t : inputs.values()) {
                t.close();
            }
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
        tokenizer.close();
    }
}
