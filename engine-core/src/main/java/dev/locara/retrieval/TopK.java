package dev.locara.retrieval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code limit} best of a stream of scored items, best first, in a bounded min-heap: O(n log limit)
 * instead of sorting every candidate. Equal scores keep the order of arrival (earlier first), so a ranking
 * does not depend on the heap's layout; that is also Lucene's tie-break, by document number.
 */
final class TopK<T> {
    private final int limit;
    private double[] scores = new double[16]; // the heap; its root is the worst kept item
    private long[] arrivals = new long[16];
    private Object[] items = new Object[16];
    private int size;
    private long arrived;

    TopK(int limit) {
        this.limit = Math.max(0, limit);
    }

    void add(double score, T item) {
        long arrival = arrived++;
        if (size < limit) {
            if (size == scores.length) {
                int n = (int) Math.min((long) limit, 2L * size);
                scores = Arrays.copyOf(scores, n);
                arrivals = Arrays.copyOf(arrivals, n);
                items = Arrays.copyOf(items, n);
            }
            set(size, score, arrival, item);
            siftUp(size++);
        } else if (size > 0 && better(score, arrival, 0)) {
            set(0, score, arrival, item);
            siftDown(0);
        }
    }

    /** The kept items, best first; the scores are in {@link #scoresBestFirst} order alike. */
    List<T> bestFirst() {
        Integer[] order = order();
        List<T> out = new ArrayList<>(size);
        for (Integer i : order) {
            @SuppressWarnings("unchecked")
            T item = (T) items[i];
            out.add(item);
        }
        return out;
    }

    double[] scoresBestFirst() {
        Integer[] order = order();
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = scores[order[i]];
        }
        return out;
    }

    private Integer[] order() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> better(scores[a], arrivals[a], b) ? -1 : (a.equals(b) ? 0 : 1));
        return order;
    }

    /** Whether (score, arrival) ranks above heap entry i. */
    private boolean better(double score, long arrival, int i) {
        return score > scores[i] || (score == scores[i] && arrival < arrivals[i]);
    }

    private void set(int i, double score, long arrival, Object item) {
        scores[i] = score;
        arrivals[i] = arrival;
        items[i] = item;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!better(scores[parent], arrivals[parent], i)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int worst = i;
            for (int c = 2 * i + 1; c <= 2 * i + 2 && c < size; c++) {
                if (better(scores[worst], arrivals[worst], c)) {
                    worst = c;
                }
            }
            if (worst == i) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int a, int b) {
        double s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
        long r = arrivals[a];
        arrivals[a] = arrivals[b];
        arrivals[b] = r;
        Object o = items[a];
        items[a] = items[b];
        items[b] = o;
    }
}
