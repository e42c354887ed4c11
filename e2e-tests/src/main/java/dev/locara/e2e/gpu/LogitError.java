package dev.locara.e2e.gpu;

/** How far one row of logits is from another, as the model checks bound it. */
final class LogitError {
    private LogitError() {
    }

    /** max |got - want| / max |want|; NaN anywhere makes it infinite. */
    static double relative(float[] got, float[] want) {
        double max = 0;
        double diff = 0;
        for (int i = 0; i < want.length; i++) {
            max = Math.max(max, Math.abs(want[i]));
            double d = Math.abs(got[i] - want[i]);
            diff = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(diff, d);
        }
        return diff / max;
    }
}
