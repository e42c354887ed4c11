package dev.locara.embed;

import dev.locara.tokenizer.Tokenizer;
import dev.locara.tokenizer.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Texts to vectors: puts the model's query or document prefix before each text, tokenizes it as the model's
 * tokenizer does ([CLS] ... [SEP]), cuts what exceeds the context (keeping the closing [SEP]) with a
 * warning, embeds in batches of bounded size, and cuts vectors to the requested dimensions where the
 * model was trained for it, renormalized.
 */
public final class Embedder {
    /** Tokens per call to the model: bounds the activations a batch holds (about 4 KB a token per layer at width 384). */
    static final int BATCH_TOKENS = 8192;

    private final EmbeddingModel model;
    private final Tokenizer tokenizer;

    public Embedder(EmbeddingModel model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
    }

    public EncoderConfig config() {
        return model.config();
    }

    /** The encoder it runs (the benchmark times a GPU encoder's kernels through it). */
    public EmbeddingModel model() {
        return model;
    }

    public Embeddings embed(EmbeddingRequest request) {
        return embed(request, 0);
    }

    /**
     * The same, for inputs that continue a larger request from its input {@code firstIndex}: the
     * warnings name inputs by their index in that request (a caller embedding in steps, to report
     * progress and see a stop between them, joins the parts with {@link Embeddings#concat}).
     */
    public Embeddings embed(EmbeddingRequest request, int firstIndex) {
        EncoderConfig c = model.config();
        int dims = request.dimensions() == 0 ? c.dim() : request.dimensions();
        if (dims > c.dim()) {
            throw new IllegalArgumentException("dimensions is " + dims + " but this model's vectors have " + c.dim() + ".");
        }
        if (dims != c.dim() && !c.matryoshka()) {
            throw new IllegalArgumentException("dimensions can only be " + c.dim() + " for this " + c.architecture()
                    + " model: cutting vectors needs a Matryoshka-trained model (nomic-bert).");
        }
        List<String> input = request.input();
        int[][] sequences = new int[input.size()][];
        int[] counts = new int[input.size()];
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            int[] ids = tokenize(c.prefix(request.inputType()) + input.get(i));
            if (ids.length > c.contextLength()) {
                warnings.add("input " + (firstIndex + i) + " has " + ids.length + " tokens; it was cut to the model's context of "
                        + c.contextLength() + ".");
                ids = cut(ids, c.contextLength(), closingToken());
            }
            sequences[i] = ids;
            counts[i] = ids.length;
        }
        float[][] vectors = new float[input.size()][];
        for (int from = 0; from < sequences.length; ) {
            int to = from;
            for (int tokens = 0; to < sequences.length && (to == from || tokens + sequences[to].length <= BATCH_TOKENS); to++) {
                tokens += sequences[to].length;
            }
            float[][] batch = model.embed(Arrays.copyOfRange(sequences, from, to));
            System.arraycopy(batch, 0, vectors, from, batch.length);
            from = to;
        }
        if (dims != c.dim()) {
            for (int i = 0; i < vectors.length; i++) {
                vectors[i] = matryoshka(vectors[i], dims);
            }
        }
        return new Embeddings(vectors, counts, warnings);
    }

    /**
     * A vector cut to its first {@code dims} values as nomic-embed-text-v1.5 prescribes: LayerNorm over all
     * values (no weights; the epsilon left out, as it is negligible at the pooled vector's own scale), cut,
     * L2-normalized. LayerNorm ignores the vector's scale, so it may follow the model's normalization.
     */
    static float[] matryoshka(float[] v, int dims) {
        double mean = 0;
        for (float f : v) {
            mean += f;
        }
        mean /= v.length;
        float[] out = new float[dims];
        for (int i = 0; i < dims; i++) {
            out[i] = (float) (v[i] - mean); // dividing by the standard deviation is undone by the normalization
        }
        return Vectors.normalize(out);
    }

    /** The token ids the model sees for {@code text}, special tokens included; text that names one (e.g. "[MASK]") is that token, as in Hugging Face's tokenizers. */
    public int[] tokenize(String text) {
        return tokenizer.encode(text, true, true);
    }

    /** The token the tokenizer closes every sequence with ([SEP]), or -1. */
    private int closingToken() {
        Vocabulary v = tokenizer.vocabulary();
        return v.addSep ? v.sep : -1;
    }

    /** The first {@code max} tokens, the last of them the closing token again when the sequence ended with it. */
    static int[] cut(int[] ids, int max, int closing) {
        int[] out = Arrays.copyOf(ids, max);
        if (closing >= 0 && ids[ids.length - 1] == closing && max > 1) {
            out[max - 1] = closing;
        }
        return out;
    }
}
