package dev.locara.server;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which Host headers this server answers: the guard against DNS rebinding. A web page on evil.example whose
 * name the attacker re-points at 127.0.0.1 is, for the browser, still evil.example, so its requests carry
 * "Host: evil.example:PORT" and are refused; this server's own page always names it by loopback address, by
 * localhost, or by the host given with --host.
 *
 * <p>Rules: a loopback IP literal (127.0.0.0/8, [::1] in any spelling), the name {@code localhost}, or the
 * --host value, each with the served port (no port means 80). Names compare case-insensitively and exactly:
 * "localhost." and "x.localhost" are refused, since outside Chrome they are resolved by DNS, which an attacker
 * may answer. No name is ever looked up here. When the server listens on all interfaces (0.0.0.0 or ::), any
 * IP literal is also accepted: a rebinding page is always reached by a name, and with a wildcard bind the
 * machine's own addresses are how other machines reach it.
 *
 * @param boundHost the --host value (or the default), as given
 * @param port      the port actually served (never 0)
 */
record HostCheck(String boundHost, int port) {

    /** Whether a Host header value (or the authority of an absolute request target) names this server. */
    boolean allows(String authority) {
        if (authority == null) {
            return false;
        }
        String host;
        String portText;
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            if (end < 0) {
                return false;
            }
            host = authority.substring(0, end + 1);
            String rest = authority.substring(end + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                return false;
            }
            portText = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = authority.indexOf(':');
            if (colon != authority.lastIndexOf(':')) {
                return false; // an IPv6 literal without brackets is not a valid Host
            }
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
        }
        return portMatches(portText) && hostMatches(host.toLowerCase(Locale.ROOT));
    }

    private boolean portMatches(String portText) {
        if (portText == null) {
            return port == 80;
        }
        // Digits only, no sign or spaces; a leading zero is allowed by the grammar and harmless.
        if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return Integer.parseInt(portText) == port;
    }

    private boolean hostMatches(String host) {
        InetAddress literal = ipLiteral(host);
        if (host.equals("localhost") || (literal != null && literal.isLoopbackAddress())) {
            return true;
        }
        String bound = boundHost.toLowerCase(Locale.ROOT);
        InetAddress boundLiteral = ipLiteral(bound.contains(":") && !bound.startsWith("[") ? "[" + bound + "]" : bound);
        if (boundLiteral != null) {
            return literal != null && (boundLiteral.isAnyLocalAddress() || boundLiteral.equals(literal));
        }
        return host.equals(bound);
    }

    /**
     * The address an IPv4 dotted quad or a bracketed IPv6 literal spells, or null for anything else (names).
     * Strict on purpose: "0177.0.0.1", "2130706433" and zone ids are refused rather than interpreted, and
     * nothing here can start a DNS lookup.
     */
    static InetAddress ipLiteral(String host) {
        try {
            if (host.startsWith("[") && host.endsWith("]")) {
                String inner = host.substring(1, host.length() - 1);
                // With brackets, InetAddress parses a literal and throws on failure instead of looking it up.
                if (inner.contains(":") && inner.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                    return InetAddress.getByName(host);
                }
                return null;
            }
            String[] parts = host.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                String part = parts[i];
                if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.startsWith("0"))
                        || !part.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(part) > 255) {
                    return null;
                }
                bytes[i] = (byte) Integer.parseInt(part);
            }
            return Inet4Address.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The plain-text body of a refusal: what was wrong and which address works (the server's own URL). */
    String refusal(String url) {
        return "Refused: this server answers only requests addressed to it as localhost, 127.0.0.1 or [::1]"
                + (isLoopbackDefault() ? "" : " or " + boundHost) + " on port " + port
                + ", and this request's Host header names something else. This protects against DNS rebinding"
                + " (a web page re-pointing its own name at this machine). Open " + url + " instead.";
    }

    private boolean isLoopbackDefault() {
        InetAddress literal = ipLiteral(boundHost);
        return boundHost.equalsIgnoreCase("localhost") || (literal != null && literal.isLoopbackAddress());
    }
}
