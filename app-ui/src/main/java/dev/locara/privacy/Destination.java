package dev.locara.privacy;

import java.util.Locale;

/**
 * Where a request went, read from its URL alone: into the browser itself (data:, blob:), to this
 * machine (a loopback name or address), or off it. Any other host counts as leaving the machine,
 * the page's own server included when it is not on loopback, because its bytes cross a network.
 */
public enum Destination {
    BROWSER("inside the browser"),
    THIS_MACHINE("this machine"),
    ELSEWHERE("left this machine");

    private final String words;

    Destination(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    public static Destination of(String url) {
        int colon = url.indexOf(':');
        if (colon <= 0) {
            return THIS_MACHINE; // a relative URL is resolved against the page, and the page is asked about apart
        }
        String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
        if (scheme.equals("data") || scheme.equals("blob") || scheme.equals("about")) {
            return BROWSER;
        }
        return isLoopback(host(url, colon)) ? THIS_MACHINE : ELSEWHERE;
    }

    /** The host of an absolute URL, lower-cased, without user info, port or IPv6 brackets; "" when none. */
    static String host(String url, int colon) {
        if (!url.startsWith("//", colon + 1)) {
            return "";
        }
        int start = colon + 3;
        int end = start;
        while (end < url.length() && "/?#\\".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(start, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return (close < 0 ? authority.substring(1) : authority.substring(1, close)).toLowerCase(Locale.ROOT);
        }
        int port = authority.indexOf(':');
        return (port < 0 ? authority : authority.substring(0, port)).toLowerCase(Locale.ROOT);
    }

    /** localhost and its subdomains (RFC 6761 keeps them on loopback), 127.0.0.0/8 and ::1. */
    static boolean isLoopback(String host) {
        if (host.equals("localhost") || host.endsWith(".localhost") || host.equals("::1")
                || host.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
