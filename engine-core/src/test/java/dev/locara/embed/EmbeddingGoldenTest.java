package dev.locara.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.gguf.ByteArraySource;
import dev.locara.gguf.GgmlType;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufReader;
import dev.locara.synth.EncoderShape;
import dev.locara.synth.SyntheticEncoder;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CPU reference against llama.cpp's own embeddings, one synthetic model per architecture at the real
 * width (nomic-embed-text-v1.5's 768 x 12 heads x 3072, bge-small's 384), two layers: each golden file
 * holds llama.cpp's pooled, normalized vectors of two token sequences (see embed-goldens/README.md).
 */
class EmbeddingGoldenTest {
    @ParameterizedTest
    @ValueSource(strings = {"nomic-bert", "bert"})
    void vectorsMatchLlamaCpp(String arch) throws Exception {
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream("/embed-goldens/" + arch + ".txt")) {
            lines = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
        String[] synth = lines.get(1).substring("synth: ".length()).split(" ");
        EncoderShape shape = EncoderShape.NAMED.get(synth[0]).withLayers(Integer.parseInt(option(synth, "--layers")));
        byte[] file = SyntheticEncoder.writer(shape, Long.parseLong(option(synth, "--seed")), GgmlType.F32).toBytes();
        ByteArraySource source = new ByteArraySource(file);
        GgufFile gguf = GgufReader.read(source);
        EncoderCpu model = new EncoderCpu(gguf, source);
        assertEquals(arch, model.config().architecture());

        List<int[]> sequences = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (String line : lines.subList(2, lines.size())) {
            if (line.startsWith("tokens: ")) {
                sequences.add(Arrays.stream(line.substring(8).trim().split(" ")).mapToInt(Integer::parseInt).toArray());
            } else if (!line.isBlank()) {
                String[] v = line.trim().split(" ");
                float[] f = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    f[i] = Float.parseFloat(v[i]);
                }
                expected.add(f);
            }
        }
        float[][] got = model.embed(sequences.toArray(new int[0][]));
        for (int s = 0; s < got.length; s++) {
            double cos = Vectors.cosine(expected.get(s), got[s]);
            System.out.printf("%s sequence %d (%d tokens): cosine with llama.cpp %.9f%n", arch, s, sequences.get(s).length, cos);
            assertTrue(cos >= 0.9999, arch + " sequence " + s + ": cosine " + cos);
        }
    }

    private static String option(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        throw new IllegalArgumentException("no " + name);
    }
}
