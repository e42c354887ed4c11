package dev.locara.cli;

import dev.locara.gguf.FileByteSource;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufReader;
import java.io.IOException;
import java.nio.file.Path;

/** A GGUF file opened for a command: its bytes and its parsed header. */
record OpenModel(Path path, FileByteSource source, GgufFile gguf) implements AutoCloseable {
    static OpenModel open(String file) throws IOException {
        Path path = Path.of(file);
        FileByteSource source = new FileByteSource(path);
        try {
            return new OpenModel(path, source, GgufReader.read(source));
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
