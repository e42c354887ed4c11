package dev.locara.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.locara.embed.EncoderConfig;
import dev.locara.embed.Pooling;
import dev.locara.gguf.GgmlType;
import dev.locara.gguf.GgufWriter;
import dev.locara.quant.QuantFormats;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A Hugging Face BERT exported to ONNX (as transformers.js and optimum export all-MiniLM or bge), converted
 * to the GGUF llama.cpp's converter writes for {@code bert}: the same tensor names and metadata keys, the
 * vocabulary from tokenizer.json.
 *
 * <p>The exporters keep the names of embeddings, biases and norms ("encoder.layer.0.attention.self.query.bias")
 * but store each linear layer's weight transposed, as the right operand of a MatMul, under a generated name
 * ("onnx::MatMul_787"). So a weight is found through the graph: the MatMul that uses it, and the bias Add
 * after it names the module. What the graph does not state as a tensor (head count, LayerNorm epsilon) is
 * read from its constants: the 1/sqrt(head width) attention scale, the epsilon added under each Sqrt.
 */
public final class BertOnnxConverter {
    /**
     * @param type     storage type of the matrices (F32, F16, Q8_0); norms, biases and the position and
     *                 token-type tables stay F32
     * @param pooling  how the model pools its token states (mean for all-MiniLM, CLS for bge)
     * @param heads    attention heads, or 0 to read them off the graph
     * @param name     general.name
     */
    public record Options(GgmlType type, Pooling pooling, int heads, String queryPrefix, String documentPrefix, String name) {
    }

    /** The GGUF to write, the hyper-parameters found, and what the conversion left out or assumed. */
    public record Result(GgufWriter writer, int dim, int layers, int heads, int ffn, int vocab, int context,
                         float eps, List<String> notes) {
    }

    private BertOnnxConverter() {
    }

    public static Result convert(InputStream onnx, String tokenizerJson, Options o) throws IOException {
        if (o.type != GgmlType.F32 && o.type != GgmlType.F16 && o.type != GgmlType.Q8_0) {
            throw new IllegalArgumentException("convert-onnx writes F32, F16 or Q8_0, not " + o.type + ".");
        }
        OnnxGraph graph = OnnxGraph.read(onnx);
        List<String> notes = new ArrayList<>();
        Map<String, OnnxGraph.Tensor> weights = weights(graph, notes); // by Hugging Face name, [out][in]
        Map<String, OnnxGraph.Tensor> gguf = new LinkedHashMap<>();
        for (Map.Entry<String, OnnxGraph.Tensor> e : weights.entrySet()) {
            String name = ggufName(e.getKey());
            if (name == null) {
                notes.add("left out " + e.getKey() + " (not part of the encoder)");
            } else {
                gguf.put(name, e.getValue());
            }
        }
        OnnxGraph.Tensor embd = need(gguf, "token_embd.weight");
        OnnxGraph.Tensor pos = need(gguf, "position_embd.weight");
        OnnxGraph.Tensor types = gguf.get("token_types.weight");
        int vocab = (int) embd.dims()[0];
        int dim = (int) embd.dims()[1];
        int context = (int) pos.dims()[0];
        int layers = 0;
        while (gguf.containsKey("blk." + layers + ".attn_q.weight")) {
            layers++;
        }
        if (layers == 0) {
            throw new IllegalArgumentException("Found no encoder layers (encoder.layer.0.attention.self.query) in this ONNX graph.");
        }
        int ffn = (int) need(gguf, "blk.0.ffn_up.weight").dims()[0];
        int heads = o.heads > 0 ? o.heads : heads(graph, dim);
        float eps = eps(graph, notes);
        TokenizerJson tokenizer = TokenizerJson.parse(tokenizerJson, vocab);

        GgufWriter w = new GgufWriter()
                .put("general.architecture", "bert")
                .put("general.name", o.name)
                .putU32("general.file_type", switch (o.type) {
                    case F16 -> 1;
                    case Q8_0 -> 7;
                    default -> 0;
                })
                .putU32("bert.context_length", context)
                .putU32("bert.embedding_length", dim)
                .putU32("bert.feed_forward_length", ffn)
                .putU32("bert.block_count", layers)
                .putU32("bert.attention.head_count", heads)
                .put("bert.attention.layer_norm_epsilon", eps)
                .put("bert.attention.causal", false)
                .putU32("bert.pooling_type", o.pooling.code);
        if (o.type != GgmlType.F32) {
            w.putU32("general.quantization_version", 2);
        }
        if (!o.queryPrefix.isEmpty()) {
            w.put(EncoderConfig.QUERY_PREFIX_KEY, o.queryPrefix);
        }
        if (!o.documentPrefix.isEmpty()) {
            w.put(EncoderConfig.DOCUMENT_PREFIX_KEY, o.documentPrefix);
        }
        tokenizer.writeTo(w, types == null ? 0 : (int) types.dims()[0]);
        // In llama.cpp's order, embeddings then layer by layer, so a loader can stream the file front to back.
        List<String> names = new ArrayList<>(gguf.keySet());
        names.sort(Comparator.comparingInt(BertOnnxConverter::rank));
        for (String name : names) {
            addTensor(w, name, gguf.get(name), o.type);
        }
        return new Result(w, dim, layers, heads, ffn, vocab, context, eps, notes);
    }

    private static OnnxGraph.Tensor need(Map<String, OnnxGraph.Tensor> gguf, String name) {
        OnnxGraph.Tensor t = gguf.get(name);
        if (t == null) {
            throw new IllegalArgumentException("This ONNX graph has no tensor for GGUF's '" + name + "'; is it a BERT export?");
        }
        return t;
    }

    /** Matrices in the given type where their rows fill whole blocks; tables, norms and biases in F32. */
    private static void addTensor(GgufWriter w, String name, OnnxGraph.Tensor t, GgmlType wanted) {
        long[] dims = t.dims();
        long[] shape = new long[dims.length]; // ggml order: the contiguous dimension first
        for (int i = 0; i < dims.length; i++) {
            shape[i] = dims[dims.length - 1 - i];
        }
        boolean matrix = dims.length == 2 && !name.equals("position_embd.weight") && !name.equals("token_types.weight");
        GgmlType type = matrix && shape[0] % wanted.blockSize == 0 ? wanted : GgmlType.F32;
        float[] v = t.values();
        w.tensor(name, type, shape, QuantFormats.of(type).quantize(v, 0, v.length));
    }

    /** Every weight the encoder uses, by its Hugging Face name, linear weights as [out][in]. */
    private static Map<String, OnnxGraph.Tensor> weights(OnnxGraph graph, List<String> notes) {
        Map<String, OnnxGraph.Tensor> out = new LinkedHashMap<>();
        for (TensorProto t : graph.initializerList()) {
            String name = strip(t.getName());
            if ((name.endsWith(".weight") || name.endsWith(".bias")) && t.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
                out.put(name, OnnxGraph.floats(t));
            }
        }
        for (NodeProto n : graph.nodes()) {
            boolean matmul = n.getOpType().equals("MatMul");
            boolean gemm = n.getOpType().equals("Gemm");
            if ((!matmul && !gemm) || n.getInputCount() < 2) {
                continue;
            }
            String b = n.getInput(1);
            boolean transposed = gemm && OnnxGraph.intAttribute(n, "transB", 0) == 1; // stored [out][in] already
            NodeProto producer = graph.producer(b);
            if (!graph.isInitializer(b) && producer != null && producer.getOpType().equals("Transpose")
                    && graph.isInitializer(producer.getInput(0))) {
                b = producer.getInput(0);
                transposed = true;
            }
            if (!graph.isInitializer(b)) {
                continue; // activations times activations: the attention products
            }
            OnnxGraph.Tensor w = graph.initializer(b);
            if (w.dims().length != 2) {
                continue;
            }
            String module = module(graph, n);
            if (module == null) {
                notes.add("left out the weight " + b + " of node " + n.getName() + " (no module name found)");
                continue;
            }
            out.remove(strip(b));
            out.put(module + ".weight", transposed ? w : transpose(w, module + ".weight"));
        }
        return out;
    }

    /** The module a MatMul or Gemm belongs to: named by the bias added to its output, else by the node's own path. */
    private static String module(OnnxGraph graph, NodeProto n) {
        if (n.getOpType().equals("Gemm") && n.getInputCount() > 2 && n.getInput(2).endsWith(".bias")) {
            return strip(n.getInput(2).substring(0, n.getInput(2).length() - 5));
        }
        for (NodeProto add : graph.consumers(n.getOutput(0))) {
            if (add.getOpType().equals("Add")) {
                for (String in : add.getInputList()) {
                    if (graph.isInitializer(in) && in.endsWith(".bias")) {
                        return strip(in.substring(0, in.length() - 5));
                    }
                }
            }
        }
        String path = n.getName(); // "/encoder/layer.0/attention/self/query/MatMul"
        if (path.startsWith("/") && path.lastIndexOf('/') > 0) {
            return strip(path.substring(1, path.lastIndexOf('/')).replace('/', '.'));
        }
        return null;
    }

    private static String strip(String name) {
        return name.startsWith("bert.") ? name.substring(5) : name;
    }

    private static OnnxGraph.Tensor transpose(OnnxGraph.Tensor t, String name) {
        int rows = (int) t.dims()[0];
        int cols = (int) t.dims()[1];
        float[] v = t.values();
        float[] r = new float[v.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                r[j * rows + i] = v[i * cols + j];
            }
        }
        return new OnnxGraph.Tensor(name, new long[] {cols, rows}, r);
    }

    private static final List<String> ORDER = List.of("token_embd", "position_embd", "token_types", "token_embd_norm",
            "attn_q", "attn_k", "attn_v", "attn_output", "attn_output_norm", "ffn_up", "ffn_down", "layer_output_norm");

    /** Sort key of a GGUF tensor name: layer, then part, weight before bias. */
    private static int rank(String name) {
        String[] p = name.split("\\.");
        int layer = p[0].equals("blk") ? Integer.parseInt(p[1]) + 1 : 0;
        String part = p[0].equals("blk") ? p[2] : p[0];
        return (layer * ORDER.size() + ORDER.indexOf(part)) * 2 + (name.endsWith(".bias") ? 1 : 0);
    }

    /** llama.cpp's tensor name for a Hugging Face BERT parameter, or null for what the encoder does not use (the pooler). */
    static String ggufName(String hf) {
        String kind = hf.endsWith(".weight") ? "weight" : "bias";
        String module = hf.substring(0, hf.length() - kind.length() - 1);
        String base = switch (module) {
            case "embeddings.word_embeddings" -> "token_embd";
            case "embeddings.position_embeddings" -> "position_embd";
            case "embeddings.token_type_embeddings" -> "token_types";
            case "embeddings.LayerNorm" -> "token_embd_norm";
            default -> null;
        };
        if (base != null) {
            return base + "." + kind;
        }
        if (!module.startsWith("encoder.layer.")) {
            return null;
        }
        int dot = module.indexOf('.', 14);
        if (dot < 0) {
            return null;
        }
        String layer = module.substring(14, dot);
        String part = switch (module.substring(dot + 1)) {
            case "attention.self.query" -> "attn_q";
            case "attention.self.key" -> "attn_k";
            case "attention.self.value" -> "attn_v";
            case "attention.output.dense" -> "attn_output";
            case "attention.output.LayerNorm" -> "attn_output_norm";
            case "intermediate.dense" -> "ffn_up";
            case "output.dense" -> "ffn_down";
            case "output.LayerNorm" -> "layer_output_norm";
            default -> null;
        };
        return part == null ? null : "blk." + layer + "." + part + "." + kind;
    }

    /**
     * Heads from the attention scale: the scores q.k are divided by sqrt(head width) (or multiplied by
     * its inverse) right after the MatMul of two activations.
     */
    static int heads(OnnxGraph graph, int dim) {
        TreeSet<Integer> found = new TreeSet<>();
        for (NodeProto n : graph.nodes()) {
            if (!n.getOpType().equals("MatMul") || graph.isInitializer(n.getInput(1))) {
                continue;
            }
            for (NodeProto s : graph.consumers(n.getOutput(0))) {
                boolean div = s.getOpType().equals("Div");
                if ((div || s.getOpType().equals("Mul")) && s.getInputCount() == 2) {
                    double c = graph.scalar(s.getInput(1));
                    if (c > 0) {
                        long headDim = Math.round(div ? c * c : 1 / (c * c));
                        if (headDim > 0 && dim % headDim == 0) {
                            found.add((int) (dim / headDim));
                        }
                    }
                }
            }
        }
        if (found.size() != 1) {
            throw new IllegalArgumentException("Could not read the number of attention heads off this ONNX graph"
                    + (found.isEmpty() ? "" : " (candidates " + found + ")") + "; give it with --heads N.");
        }
        return found.first();
    }

    /** LayerNorm's epsilon: the constant added to the variance under a Sqrt, or a LayerNormalization node's attribute. */
    static float eps(OnnxGraph graph, List<String> notes) {
        for (NodeProto n : graph.nodes()) {
            if (n.getOpType().equals("LayerNormalization")) {
                return OnnxGraph.floatAttribute(n, "epsilon", 1e-5f);
            }
            if (n.getOpType().equals("Sqrt")) {
                NodeProto add = graph.producer(n.getInput(0));
                if (add != null && add.getOpType().equals("Add")) {
                    for (String in : add.getInputList()) {
                        double v = graph.scalar(in);
                        if (v > 0 && v < 1e-3) {
                            return (float) v;
                        }
                    }
                }
            }
        }
        notes.add("no LayerNorm epsilon found in the graph; used BERT's 1e-12");
        return 1e-12f;
    }
}
