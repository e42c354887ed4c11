package dev.locara.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * A validated models.add request: the absolute http(s) URL of a GGUF file and the name it is
 * stored under (the caller's {@code id}, else the URL's file name).
 */
public record AddRequest(String url, String name) {
    private static final String USAGE = "models.add({url, id}) needs the http(s) URL of a GGUF file,"
            + " e.g. {url: 'https://huggingface.co/.../model.gguf'}.";

    /**
     * {@code json} as {@link ApiRequest} takes it; {@code resolve} turns the caller's URL into an
     * absolute one against the page (null when it is no URL), which only the browser can do.
     */
    public static AddRequest parse(String json, UnaryOperator<String> resolve) {
        ApiRequest r = ApiRequest.of(json);
        String url = r != null && r.isString("url") ? resolve.apply(r.string("url")) : null;
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException(USAGE);
        }
        String id = r.isString("id") ? r.string("id") : "";
        return new AddRequest(url, id.isEmpty() ? fileName(url) : id);
    }

    /** The last segment of an absolute URL's path, percent-decoded; "added.gguf" when it has none. */
    static String fileName(String url) {
        int start = url.indexOf('/', url.indexOf("//") + 2);
        if (start < 0) {
            return "added.gguf";
        }
        int end = url.length();
        for (char c : new char[] {'?', '#'}) {
            int at = url.indexOf(c, start);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        String path = url.substring(start, end);
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() ? "added.gguf" : percentDecoded(name);
    }

    /** {@code %XX} escapes as UTF-8 bytes, as decodeURIComponent reads them; a malformed escape stays as written. */
    private static String percentDecoded(String s) {
        StringBuilder out = new StringBuilder();
        ByteArrayOutputStream escaped = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            int hi = s.charAt(i) == '%' && i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (lo >= 0) {
                escaped.write(hi * 16 + lo);
                i += 2;
                continue;
            }
            out.append(new String(escaped.toByteArray(), StandardCharsets.UTF_8)).append(s.charAt(i));
            escaped.reset();
        }
        return out.append(new String(escaped.toByteArray(), StandardCharsets.UTF_8)).toString();
    }
}
