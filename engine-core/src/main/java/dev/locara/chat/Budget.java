package dev.locara.chat;

/**
 * What one render has used of its {@link TemplateLimits}. The nodes charge it as they run, and so do the
 * static helpers that can grow a value many times over in one call (repeat, replace, join, indent, repr).
 */
final class Budget {
    // The helpers in Operators, Filters, Methods and Values take plain values and no render state; the render
    // running on this thread lends them its budget rather than every signature carrying one.
    private static final ThreadLocal<Budget> ACTIVE = new ThreadLocal<>();

    final TemplateLimits limits;
    private long iterations;
    private long work;
    private int depth;

    Budget(TemplateLimits limits) {
        this.limits = limits;
    }

    /** The budget of the render running on this thread; outside a render (a helper called directly), a fresh default one. */
    static Budget active() {
        Budget b = ACTIVE.get();
        return b != null ? b : new Budget(TemplateLimits.DEFAULT);
    }

    /** Makes this the active budget; returns the one it replaces, for {@link #restore}. */
    Budget install() {
        Budget previous = ACTIVE.get();
        ACTIVE.set(this);
        return previous;
    }

    static void restore(Budget previous) {
        if (previous == null) {
            ACTIVE.remove();
        } else {
            ACTIVE.set(previous);
        }
    }

    /** A limit that tripped: kind LIMIT, naming the TemplateLimits component. */
    static final class LimitException extends Values.OperationException {
        final String limit;

        LimitException(String limit, String message) {
            super(TemplateException.Kind.LIMIT, message + " (limit " + limit + ")");
            this.limit = limit;
        }
    }

    void iteration() {
        if (++iterations > limits.maxLoopIterations()) {
            throw new LimitException("maxLoopIterations", "the template's loops run more than " + limits.maxLoopIterations()
                    + " times (a loop that does not end?)");
        }
        work(1);
    }

    void work(long units) {
        work += units;
        if (work > limits.maxWork()) {
            throw new LimitException("maxWork", "the template does more than " + limits.maxWork() + " units of work");
        }
    }

    /** Charges a value just produced: one unit plus its size, and checks that size. */
    Object charge(Object v) {
        if (v instanceof String s) {
            length(s.length());
            work(1 + s.length());
        } else if (v instanceof java.util.List<?> l) {
            items(l.size());
            work(1 + l.size());
        } else {
            work(1);
        }
        return v;
    }

    /** Checks a string length before (or after) building it. */
    void length(long chars) {
        if (chars > limits.maxStringLength()) {
            throw new LimitException("maxStringLength", "the template builds a string of more than "
                    + limits.maxStringLength() + " characters");
        }
    }

    /** Checks {@code count} copies of a string of {@code chars} characters, without overflow. */
    void repeat(long chars, long count) {
        if (chars > 0 && count > 0 && count > limits.maxStringLength() / chars) {
            length(limits.maxStringLength() + 1);
        }
    }

    void items(long count) {
        if (count > limits.maxLoopIterations()) {
            throw new LimitException("maxLoopIterations", "the template builds a list of more than "
                    + limits.maxLoopIterations() + " items");
        }
    }

    void output(long chars) {
        if (chars > limits.maxOutput()) {
            throw new LimitException("maxOutput", "the template writes more than " + limits.maxOutput() + " characters");
        }
    }

    /** Charges a substring search, at what a naive search costs at worst: each haystack position times the needle. */
    void search(String haystack, String needle) {
        work(1 + (long) haystack.length() * Math.max(1, needle.length()));
    }

    /** Enters a macro call or a nested value; pair with {@link #leave}. */
    void enter() {
        if (++depth > limits.maxDepth()) {
            throw new LimitException("maxDepth", "the template nests more than " + limits.maxDepth()
                    + " levels deep (a macro that calls itself without end, or a value that holds itself)");
        }
    }

    void leave() {
        depth--;
    }
}
