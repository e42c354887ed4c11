package dev.locara.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model's graph, parsed by ONNX's own generated protobuf classes: its initializers (the weights),
 * its constants, and the edges between nodes, so a converter can follow a weight to the node that uses it.
 */
final class OnnxGraph {
    /** A float tensor: ONNX dims (row-major, last dimension contiguous) and values. */
    record Tensor(String name, long[] dims, float[] values) {
    }

    private final GraphProto graph;
    private final Map<String, TensorProto> initializers = new HashMap<>();
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, List<NodeProto>> consumers = new HashMap<>();

    private OnnxGraph(ModelProto model) {
        this.graph = model.getGraph();
        for (TensorProto t : graph.getInitializerList()) {
            initializers.put(t.getName(), t);
        }
        for (NodeProto n : graph.getNodeList()) {
            for (String out : n.getOutputList()) {
                producers.put(out, n);
            }
            for (String in : n.getInputList()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
    }

    static OnnxGraph read(InputStream in) throws IOException {
        CodedInputStream coded = CodedInputStream.newInstance(in);
        coded.setSizeLimit(Integer.MAX_VALUE); // weights are hundreds of MB, past protobuf's default limit
        return new OnnxGraph(ModelProto.parseFrom(coded));
    }

    List<NodeProto> nodes() {
        return graph.getNodeList();
    }

    List<TensorProto> initializerList() {
        return graph.getInitializerList();
    }

    boolean isInitializer(String name) {
        return initializers.containsKey(name);
    }

    NodeProto producer(String output) {
        return producers.get(output);
    }

    List<NodeProto> consumers(String input) {
        return consumers.getOrDefault(input, List.of());
    }

    Tensor initializer(String name) {
        TensorProto t = initializers.get(name);
        return t == null ? null : floats(t);
    }

    /** The scalar value of {@code name} when it is an initializer or a Constant node's output, else NaN. */
    double scalar(String name) {
        TensorProto t = initializers.get(name);
        if (t == null) {
            NodeProto n = producers.get(name);
            if (n == null || !n.getOpType().equals("Constant")) {
                return Double.NaN;
            }
            for (AttributeProto a : n.getAttributeList()) {
                if (a.getName().equals("value")) {
                    t = a.getT();
                } else if (a.getName().equals("value_float")) {
                    return a.getF();
                }
            }
            if (t == null) {
                return Double.NaN;
            }
        }
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            return Double.NaN;
        }
        float[] v = floats(t).values();
        return v.length == 1 ? v[0] : Double.NaN;
    }

    static Tensor floats(TensorProto t) {
        long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw new IllegalArgumentException("Tensor '" + t.getName() + "' keeps its data in an external file; "
                    + "convert-onnx reads single-file ONNX models only.");
        }
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new IllegalArgumentException("Tensor '" + t.getName() + "' has ONNX data type "
                    + TensorProto.DataType.forNumber(t.getDataType()) + "; convert-onnx reads float32 models only.");
        }
        float[] values;
        if (!t.getRawData().isEmpty()) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            values = new float[b.remaining() / 4];
            b.asFloatBuffer().get(values);
        } else {
            values = new float[t.getFloatDataCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = t.getFloatData(i);
            }
        }
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("Tensor '" + t.getName() + "' has " + values.length + " values for dims "
                    + java.util.Arrays.toString(dims) + ".");
        }
        return new Tensor(t.getName(), dims, values);
    }

    static long intAttribute(NodeProto n, String name, long fallback) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getI();
            }
        }
        return fallback;
    }

    static float floatAttribute(NodeProto n, String name, float fallback) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getF();
            }
        }
        return fallback;
    }
}
