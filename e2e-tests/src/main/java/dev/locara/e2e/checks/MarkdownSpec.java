package dev.locara.e2e.checks;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The CommonMark spec's examples (spec.txt of commonmark-test-util) run through commonmark-java as it
 * is configured by default, which passes all of them on the JVM. The workbench renders answers with
 * the same library compiled by TeaVM, whose regular expressions are not the JDK's: the browser check
 * runs these examples to show that the compiled parser still reads Markdown as the spec says.
 */
public final class MarkdownSpec {
    private static final String FENCE = "````````````````````````````````";

    private MarkdownSpec() {
    }

    /** One example: its section, the Markdown, and the HTML the spec expects. */
    public record Example(int number, String section, String markdown, String html) {
    }

    /** The examples of a spec file; the spec shows tabs as '→'. */
    public static List<Example> examples(String spec) {
        List<Example> out = new ArrayList<>();
        String section = "";
        String[] lines = spec.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("#")) {
                section = lines[i].replaceFirst("^#+ *", "");
            } else if (lines[i].startsWith(FENCE + " example")) {
                StringBuilder md = new StringBuilder();
                int j = i + 1;
                for (; !lines[j].equals("."); j++) {
                    md.append(lines[j]).append('\n');
                }
                StringBuilder html = new StringBuilder();
                for (j++; !lines[j].startsWith(FENCE); j++) {
                    html.append(lines[j]).append('\n');
                }
                out.add(new Example(out.size() + 1, section, md.toString().replace('→', '\t'),
                        html.toString().replace('→', '\t')));
                i = j;
            }
        }
        return out;
    }

    /** The examples whose rendering differs from the spec's, as "number (section)". */
    public static List<String> failures(List<Example> examples) {
        Parser parser = Parser.builder().build();
        HtmlRenderer renderer = HtmlRenderer.builder().percentEncodeUrls(true).build();
        List<String> failed = new ArrayList<>();
        for (Example e : examples) {
            try {
                if (!renderer.render(parser.parse(e.markdown())).equals(e.html())) {
                    failed.add(e.number() + " (" + e.section() + ")");
                }
            } catch (RuntimeException | StackOverflowError x) {
                failed.add(e.number() + " (" + e.section() + "): " + x);
            }
        }
        return failed;
    }
}
