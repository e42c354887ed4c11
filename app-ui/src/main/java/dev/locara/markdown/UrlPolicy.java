package dev.locara.markdown;

import java.util.Locale;
import org.commonmark.renderer.html.UrlSanitizer;

/**
 * Which addresses untrusted Markdown may use. Links: http, https, mailto and relative ones (a person
 * chooses to follow them). Images load by themselves, so they may come only from the app itself or
 * from raster {@code data:} URIs: an image from elsewhere would tell another host that this
 * conversation happened. Anything else becomes an empty address, which {@link Markdown} then drops.
 */
final class UrlPolicy implements UrlSanitizer {
    @Override
    public String sanitizeLinkUrl(String url) {
        String scheme = scheme(url);
        if (scheme == null) {
            return url;
        }
        return scheme.equals("http") || scheme.equals("https") || scheme.equals("mailto") ? url : "";
    }

    @Override
    public String sanitizeImageUrl(String url) {
        String scheme = scheme(url);
        if (scheme == null) {
            String u = normalized(url);
            // "//host/x" and "/\host/x" are absolute addresses that merely borrow the page's scheme.
            boolean otherHost = u.startsWith("//") || u.startsWith("\\\\") || u.startsWith("/\\") || u.startsWith("\\/");
            return otherHost ? "" : url;
        }
        if (scheme.equals("data")) {
            String type = normalized(url).substring(5).toLowerCase(Locale.ROOT);
            for (String allowed : new String[] {"image/png", "image/jpeg", "image/gif", "image/webp"}) {
                if (type.startsWith(allowed + ";") || type.startsWith(allowed + ",")) {
                    return url;
                }
            }
        }
        return "";
    }

    /**
     * The scheme as a browser reads it (lower case), or null for a relative address. Browsers drop
     * tabs and line breaks anywhere in a URL and control characters and spaces at its ends, so
     * "java&#9;script:" is a javascript: URL to them, and must be to this check too.
     */
    static String scheme(String url) {
        String u = normalized(url);
        for (int i = 0; i < u.length(); i++) {
            char c = u.charAt(i);
            if (c == ':') {
                return i == 0 ? "" : u.substring(0, i).toLowerCase(Locale.ROOT); // ":x" is refused, not guessed at
            }
            boolean schemeChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
            if (!schemeChar) {
                return null;
            }
        }
        return null;
    }

    private static String normalized(String url) {
        StringBuilder sb = new StringBuilder(url.length());
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c != '\t' && c != '\n' && c != '\r') {
                sb.append(c);
            }
        }
        int start = 0;
        int end = sb.length();
        while (start < end && sb.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && sb.charAt(end - 1) <= ' ') {
            end--;
        }
        return sb.substring(start, end);
    }
}
