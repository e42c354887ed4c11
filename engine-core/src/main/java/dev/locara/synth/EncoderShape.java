package dev.locara.synth;

import dev.locara.embed.Pooling;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape of an embedding model for {@link SyntheticEncoder}: what llama.cpp's converter writes for the
 * real one, with the layer count free so tests can run a short stack of full-width layers.
 */
public record EncoderShape(String name, String architecture, int dim, int layers, int heads, int ffn, int vocab,
                           int context, int tokenTypes, Pooling pooling) {
    public static final Map<String, EncoderShape> NAMED = new LinkedHashMap<>();

    static {
        add(new EncoderShape("nomic-embed-text-v1.5", "nomic-bert", 768, 12, 12, 3072, 30522, 2048, 2, Pooling.MEAN));
        add(new EncoderShape("all-minilm-l6-v2", "bert", 384, 6, 12, 1536, 30522, 512, 2, Pooling.MEAN));
        add(new EncoderShape("bge-small-en-v1.5", "bert", 384, 12, 12, 1536, 30522, 512, 2, Pooling.CLS));
    }

    private static void add(EncoderShape s) {
        NAMED.put(s.name, s);
    }

    public EncoderShape {
        if (!architecture.equals("bert") && !architecture.equals("nomic-bert")) {
            throw new IllegalArgumentException("An encoder is bert or nomic-bert, not " + architecture + ".");
        }
        if (heads < 1 || dim % heads != 0 || (dim / heads) % 2 != 0) {
            throw new IllegalArgumentException("Width " + dim + " must split into " + heads + " heads of an even width.");
        }
        if (vocab < SyntheticEncoder.MIN_VOCAB) {
            throw new IllegalArgumentException("An encoder vocabulary needs at least " + SyntheticEncoder.MIN_VOCAB + " tokens.");
        }
    }

    public EncoderShape withLayers(int n) {
        return new EncoderShape(name, architecture, dim, n, heads, ffn, vocab, context, tokenTypes, pooling);
    }
}
