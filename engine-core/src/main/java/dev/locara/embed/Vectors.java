package dev.locara.embed;

/** The two operations embedding vectors need outside the model: unit length, and the angle between two. */
public final class Vectors {
    private Vectors() {
    }

    /** v / |v| in place (a zero vector stays zero), the sum of squares in double; returns v. */
    public static float[] normalize(float[] v) {
        double ss = 0;
        for (float f : v) {
            ss += (double) f * f;
        }
        double inv = ss > 0 ? 1 / Math.sqrt(ss) : 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] * inv);
        }
        return v;
    }

    /** Cosine similarity, in double. */
    public static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
