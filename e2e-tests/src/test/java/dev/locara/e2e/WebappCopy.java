package dev.locara.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A copy of the built workbench (app-ui's locara-webapp/, from the classpath: a folder or the jar) in a
 * temporary folder, served with {@code --app DIR}, that a test may rebuild in place as a new version.
 */
final class WebappCopy {
    private static final Pattern SHELL = Pattern.compile("version: '([0-9a-f]+)', files: \\[(.*)]");

    final Path dir;

    WebappCopy() {
        try {
            Files.createDirectories(Path.of("target"));
            dir = Files.createTempDirectory(Path.of("target"), "webapp-"); // under target/: mvn clean removes it
            URL index = WebappCopy.class.getClassLoader().getResource("locara-webapp/index.html");
            if (index == null) {
                throw new IllegalStateException("The built web app (app-ui, locara-webapp/) is not on the classpath");
            }
            URI uri = index.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    copy(jar.getPath("/locara-webapp"));
                }
            } else {
                copy(Path.of(uri).getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void copy(Path from) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = dir.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
    }

    /** The shell version the build wrote into shell-files.js. */
    String version() {
        return shell().group(1);
    }

    /** The shell's files as shell-files.js lists them. */
    List<String> files() {
        return Stream.of(shell().group(2).split(",")).map(s -> s.strip().replace("'", "")).toList();
    }

    private Matcher shell() {
        try {
            Matcher m = SHELL.matcher(Files.readString(dir.resolve("shell-files.js")));
            if (!m.find()) {
                throw new IllegalStateException("shell-files.js has no version and file list");
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A rebuild: appends {@code text} to the shell file {@code name} and writes shell-files.js with a new version,
     * the SHA-256 of every listed file's name and contents (the test's own digest, not the build's).
     */
    String rebuild(String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<String> files = files();
            for (String f : files) {
                sha.update(f.getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(dir.resolve(f)));
            }
            String version = HexFormat.of().formatHex(sha.digest());
            String listed = String.join("', '", files);
            Files.writeString(dir.resolve("shell-files.js"), "// Rebuilt by an e2e test.\n"
                    + "self.LOCARA_SHELL = {version: '" + version + "', files: ['" + listed + "']};\n");
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
