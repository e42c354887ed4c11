package dev.locara.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DownloadHostsTest {

    @Test
    void builtInManifestNeedsHuggingFaceAndItsRedirectHostsOnly() {
        List<String> expected = new ArrayList<>(List.of("huggingface.co"));
        expected.addAll(DownloadHosts.HUGGING_FACE_REDIRECTS);
        assertEquals(expected, DownloadHosts.builtIn());
    }

    @Test
    void everyBuiltInPublicSourceHostIsInTheList() {
        List<String> hosts = DownloadHosts.builtIn();
        for (ModelRef model : ModelCatalog.all()) {
            for (String source : model.sources()) {
                String host = DownloadHosts.httpsHost(source);
                if (host != null && !hosts.contains(host)) {
                    throw new AssertionError(model.id() + " downloads from " + host + ", which is not allowed");
                }
            }
        }
    }

    @Test
    void hostIsTakenFromHttpsUrlsOnly() {
        assertEquals("example.org", DownloadHosts.httpsHost("https://Example.org:8443/a/b.gguf?x#y"));
        assertEquals("example.org", DownloadHosts.httpsHost("https://example.org"));
        assertNull(DownloadHosts.httpsHost("models/stories260K.gguf"));
        assertNull(DownloadHosts.httpsHost("http://example.org/plain-http-is-never-allowed.gguf"));
    }
}
