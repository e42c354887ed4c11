package dev.locara.onnx;

import dev.locara.embed.Pooling;

/** all-MiniLM-L6-v2 (6 layers, width 384, mean pooling) against ONNX Runtime. */
class AllMiniLmReferenceTest extends OnnxReferenceCase {
    AllMiniLmReferenceTest() {
        super("all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json", Pooling.MEAN, "");
    }
}
