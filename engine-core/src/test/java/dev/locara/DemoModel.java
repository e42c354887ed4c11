package dev.locara;

import dev.locara.gguf.FileByteSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The demo model and its published reference output (llama.cpp, greedy, same file). */
public final class DemoModel {
    public static final String PROMPT = "Once upon a time";
    public static final int[] PROMPT_TOKENS = {1, 403, 407, 261, 378};
    public static final int[] GREEDY_64 = {432, 383, 286, 261, 376, 298, 315, 421, 395, 317, 426, 338, 401, 396, 267, 337,
        410, 408, 419, 292, 411, 322, 265, 282, 295, 433, 426, 385, 328, 432, 358, 394, 261, 370, 432, 352, 266, 268, 388,
        426, 338, 391, 266, 267, 337, 335, 312, 432, 398, 312, 286, 267, 414, 270, 333, 415, 426, 13, 438, 310, 439, 419,
        357, 336};
    public static final String GREEDY_TEXT = " Once upon a time, there was a little girl named Lily. She loved to play outside"
            + " in the park. One day, she saw a big, red ball. She wanted to play with it, but it was too high.\nLily's mom said";

    private DemoModel() {
    }

    public static Path path() {
        Path p = Path.of(System.getProperty("locara.models", "../../shared/models"), "stories260K.gguf");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("The demo model is missing at " + p.toAbsolutePath()
                    + ". Run the tests with scripts/test.sh, which fetches it, or set -Dlocara.models=DIR.");
        }
        return p;
    }

    public static FileByteSource open() {
        try {
            return new FileByteSource(path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
