package dev.locara.cache;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The hosts a page must be allowed to connect to for a manifest's downloads: each public source's own host
 * and, for Hugging Face, the hosts its downloads redirect to. The server's Content-Security-Policy
 * (connect-src) is built from this list, so a download is never blocked and nothing else is reachable.
 */
public final class DownloadHosts {
    /**
     * Where huggingface.co's /resolve/ URLs redirect (302/307) for file contents, from the Hub's own list
     * ("Downloading behind a proxy or firewall", huggingface.co/docs/hub/models-downloading, read 2026-11):
     * Xet storage, CDN edges and LFS CDNs. The last three are older redirect targets the Hub dropped from that
     * list; they stay allowed because files uploaded before Xet may still be served from them.
     */
    static final List<String> HUGGING_FACE_REDIRECTS = List.of(
            "cas-server.xethub.hf.co", "cas-server.xethub-eu.hf.co",
            "transfer.xethub.hf.co", "transfer.xethub-eu.hf.co",
            "us.aws.cdn.hf.co", "us.gcp.cdn.hf.co",
            "cdn-lfs-us-1.hf.co", "cdn-lfs-eu-1.hf.co",
            "cdn-lfs.hf.co", "cdn-lfs.huggingface.co", "cas-bridge.xethub.hf.co");

    private DownloadHosts() {
    }

    /** The built-in manifest's download hosts, in a stable order (source hosts first, then redirects). */
    public static List<String> builtIn() {
        return of(ModelCatalog.all());
    }

    /** Hosts of the absolute https sources of these models, each followed by the hosts it redirects to. */
    public static List<String> of(List<ModelRef> models) {
        Set<String> hosts = new LinkedHashSet<>();
        for (ModelRef model : models) {
            for (String source : model.sources()) {
                String host = httpsHost(source);
                if (host != null) {
                    hosts.add(host);
                }
            }
        }
        List<String> out = new ArrayList<>(hosts);
        if (hosts.contains("huggingface.co")) {
            for (String redirect : HUGGING_FACE_REDIRECTS) {
                if (!hosts.contains(redirect)) {
                    out.add(redirect);
                }
            }
        }
        return out;
    }

    /** The lower-case host of an https URL, or null for a relative URL (the page's own server). */
    static String httpsHost(String url) {
        if (!url.startsWith("https://")) {
            return null;
        }
        String rest = url.substring("https://".length());
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#', ':'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return rest.substring(0, end).toLowerCase(java.util.Locale.ROOT);
    }
}
