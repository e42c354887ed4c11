package dev.locara.markdown.entities;

import org.teavm.extension.spi.substitution.SimpleSubstitutionPolicy;
import org.teavm.extension.spi.substitution.SubstitutionSink;

/**
 * Read by TeaVM at build time (META-INF/services), never run in the browser: compiles
 * {@link Html5Entities} in place of commonmark's class of that name, which needs class path resources.
 */
public final class EntitySubstitution extends SimpleSubstitutionPolicy {
    @Override
    public void contribute(SubstitutionSink sink) {
        sink.selectClasses(named("org.commonmark.internal.util.Html5Entities"))
                .replacePackage("org.commonmark.internal.util", "dev.locara.markdown.entities");
    }
}
