package org.commonmark.internal.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.markdown.entities.Html5Entities;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

/** The stand-in Html5Entities against the library's own class, loaded apart from the jar. */
class Html5EntitiesTest {
    @Test
    void theCommittedTableIsTheJarsFile() throws Exception {
        String committed = new String(java.nio.file.Files.readAllBytes(
                java.nio.file.Path.of("src/main/java/org/commonmark/internal/util/Html5EntityTable.java")),
                java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(Html5EntityTableGenerator.source(Html5EntityTableGenerator.jarEntities()), committed,
                "commonmark's entities changed: regenerate Html5EntityTable (see Html5EntityTableGenerator)");
    }

    @Test
    void decodesEveryReferenceAsTheLibraryDoes() throws Exception {
        URL jar = Parser.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader alone = new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader())) {
            Method library = alone.loadClass("org.commonmark.internal.util.Html5Entities").getMethod("entityToString", String.class);
            assertTrue(library.getDeclaringClass().getClassLoader() == alone);
            List<String> inputs = new ArrayList<>();
            for (String line : Html5EntityTableGenerator.jarEntities().split("\n")) {
                if (line.indexOf('=') > 0) {
                    inputs.add("&" + line.substring(0, line.indexOf('=')) + ";");
                }
            }
            assertTrue(inputs.size() > 2000, inputs.size() + " entities");
            inputs.addAll(List.of("&NewLine;", "&#0;", "&#65;", "&#x1F600;", "&#X41;", "&#99999999;", "&#xZZ;",
                    "&nosuch;", "&amp", "amp;", "&;", "&#;"));
            for (String input : inputs) {
                assertEquals(library.invoke(null, input), Html5Entities.entityToString(input), input);
            }
        }
    }
}
