package dev.locara.onnx;

import dev.locara.embed.Pooling;

/** bge-small-en-v1.5 (12 layers, width 384, CLS pooling, a query instruction) against ONNX Runtime. */
class BgeSmallReferenceTest extends OnnxReferenceCase {
    BgeSmallReferenceTest() {
        super("bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json", Pooling.CLS,
                "Represent this sentence for searching relevant passages: ");
    }
}
