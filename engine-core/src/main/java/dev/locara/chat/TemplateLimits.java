package dev.locara.chat;

/**
 * What one render of a chat template may use. A GGUF from an unknown uploader carries its template, so
 * the template is untrusted code: each bound stops a template that loops, recurses or grows a value
 * without end, with a {@link TemplateException} of kind LIMIT that names the bound (its component name).
 * The defaults sit far above what real chat templates use (the largest golden template renders a long
 * conversation in well under 1% of each) and low enough that a hostile one stops within seconds.
 *
 * @param maxLoopIterations loop iterations in all loops of one render together; also the most items a list may hold
 * @param maxWork           units of work: one per expression evaluated, plus one per character or item it produces
 * @param maxDepth          nested macro calls, and nesting of a value being printed (a namespace holding itself)
 * @param maxNesting        nesting of blocks and of brackets and operators while parsing
 * @param maxStringLength   characters in any one string value
 * @param maxOutput         characters of rendered output
 */
public record TemplateLimits(long maxLoopIterations, long maxWork, int maxDepth, int maxNesting,
                             long maxStringLength, long maxOutput) {
    public static final TemplateLimits DEFAULT = new TemplateLimits(1_000_000, 200_000_000, 100, 100, 8_000_000, 8_000_000);

    public TemplateLimits {
        if (maxLoopIterations < 1 || maxWork < 1 || maxDepth < 1 || maxNesting < 1 || maxStringLength < 1 || maxOutput < 1) {
            throw new IllegalArgumentException("every template limit must be at least 1");
        }
    }
}
