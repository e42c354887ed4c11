package dev.locara.server;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A Range header judged against a file's length (RFC 9110 section 14). Undertow serves one byte range well but
 * answers a malformed one, a multi-range one and "bytes=-0" with the whole file, which for a model is gigabytes
 * nobody asked for; here those get a 416 that says why, and a valid range is handed on in the one spelling
 * Undertow parses (it does not accept the optional spaces the grammar allows).
 *
 * @param canonical the header to hand on ("bytes=0-99", "bytes=10-", "bytes=-5"), or null when the header is
 *                  to be ignored (another range unit, which RFC 9110 says to ignore)
 * @param refusal   why the range cannot be served (for a 416), or null when it can
 */
record RangeRequest(String canonical, String refusal) {

    static RangeRequest judge(String header, long length) {
        String value = header.trim();
        int equals = value.indexOf('=');
        if (equals <= 0) {
            return refused("the Range header '" + shown(value) + "' is not of the form bytes=first-last");
        }
        if (!value.substring(0, equals).trim().toLowerCase(Locale.ROOT).equals("bytes")) {
            return new RangeRequest(null, null);
        }
        List<String> specs = Arrays.stream(value.substring(equals + 1).split(",", -1)).map(String::trim)
                .filter(spec -> !spec.isEmpty()).toList();
        if (specs.size() != 1) {
            return refused(specs.isEmpty() ? "the Range header names no range"
                    : "this server sends one range per request, and this one asks for " + specs.size()
                    + "; ask for them one at a time");
        }
        String spec = specs.get(0);
        int dash = spec.indexOf('-');
        if (dash < 0 || dash != spec.lastIndexOf('-')) {
            return refused("the range '" + shown(spec) + "' is not of the form first-last, first- or -suffix");
        }
        String first = spec.substring(0, dash);
        String last = spec.substring(dash + 1);
        if (!digits(first) && !(first.isEmpty() && digits(last))) {
            return refused("the range '" + shown(spec) + "' is not of the form first-last, first- or -suffix");
        }
        if (first.isEmpty()) {
            return count(last) == 0 ? refused("the range asks for the last 0 bytes")
                    : length == 0 ? refused("the file is empty") : new RangeRequest("bytes=-" + count(last), null);
        }
        if (!last.isEmpty() && !digits(last)) {
            return refused("the range '" + shown(spec) + "' is not of the form first-last, first- or -suffix");
        }
        long from = count(first);
        if (!last.isEmpty() && count(last) < from) {
            return refused("the range '" + shown(spec) + "' ends before it starts");
        }
        if (from >= length) {
            return refused("the range starts at byte " + from + ", past the end of this " + length + "-byte file");
        }
        return new RangeRequest("bytes=" + from + "-" + (last.isEmpty() ? "" : String.valueOf(count(last))), null);
    }

    boolean refused() {
        return refusal != null;
    }

    private static RangeRequest refused(String why) {
        return new RangeRequest(null, "Range not satisfiable: " + why + ".");
    }

    private static boolean digits(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The number the digits spell, saturating: a last byte past Long.MAX_VALUE is still "to the end". */
    private static long count(String digits) {
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(i) - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                return Long.MAX_VALUE;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** Request text echoed in a reply: printable ASCII only, and short. */
    private static String shown(String text) {
        String printable = text.chars().filter(c -> c >= 0x20 && c < 0x7f)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
