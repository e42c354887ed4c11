package dev.locara.workbench;

/** Figures as the status bar and the messages show them. */
final class Format {
    private Format() {
    }

    static String decimal(double v) {
        long tenths = Math.round(v * 10);
        return (tenths / 10) + "." + Math.abs(tenths % 10);
    }

    static String seconds(double ms) {
        return ms < 1000 ? Math.round(ms) + " ms" : decimal(ms / 1000) + " s";
    }

    static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
