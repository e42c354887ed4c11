package dev.locara.grounding;

import java.util.ArrayList;
import java.util.List;

/**
 * The [n] markers in an answer: "[1]", "[1, 2]", "[1][2]". Text inside `code spans` and ``` fenced blocks
 * is code, not citation. A number that names no source is not a citation (an array index, "[0]").
 */
public final class Citations {
    /** One number of a marker: {@code start}..{@code end} is the whole bracket it sits in. */
    public record Marker(int start, int end, int number) {
    }

    private Citations() {
    }

    /** The markers of {@code answer} whose number is 1..{@code sourceCount}, in order. */
    public static List<Marker> find(String answer, int sourceCount) {
        List<Marker> out = new ArrayList<>();
        int i = 0;
        int n = answer.length();
        while (i < n) {
            char c = answer.charAt(i);
            if (c == '`') {
                int run = 0;
                while (i + run < n && answer.charAt(i + run) == '`') {
                    run++;
                }
                int close = closingRun(answer, i + run, run);
                i = close < 0 ? i + run : close + run;
                continue;
            }
            if (c == '[') {
                int end = bracket(answer, i, sourceCount, out);
                if (end > 0) {
                    i = end;
                    continue;
                }
            }
            i++;
        }
        return out;
    }

    /** Where a run of exactly {@code run} backticks starts at or after {@code from} (CommonMark's closing rule), or -1. */
    private static int closingRun(String s, int from, int run) {
        int i = from;
        while (i < s.length()) {
            if (s.charAt(i) != '`') {
                i++;
                continue;
            }
            int j = i;
            while (j < s.length() && s.charAt(j) == '`') {
                j++;
            }
            if (j - i == run) {
                return i;
            }
            i = j;
        }
        return -1;
    }

    /** Reads "[d, d]" at {@code open}; adds its valid numbers and returns the index after ']', or -1. */
    private static int bracket(String s, int open, int sourceCount, List<Marker> out) {
        List<Integer> numbers = new ArrayList<>();
        int i = open + 1;
        while (true) {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
            int d = i;
            long value = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - d < 6) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == d) {
                return -1;
            }
            numbers.add((int) value);
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
            if (i >= s.length()) {
                return -1;
            }
            if (s.charAt(i) == ']') {
                break;
            }
            if (s.charAt(i) != ',') {
                return -1;
            }
            i++;
        }
        int end = i + 1;
        if (end < s.length() && s.charAt(end) == '(') {
            return -1; // a Markdown link "[1](url)", not a citation
        }
        for (int v : numbers) {
            if (v >= 1 && v <= sourceCount) {
                out.add(new Marker(open, end, v));
            }
        }
        return end;
    }
}
