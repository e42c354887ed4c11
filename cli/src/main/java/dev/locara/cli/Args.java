package dev.locara.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A subcommand's arguments: positionals and "--name value" options (or bare "--flag"), checked against what it takes. */
final class Args {
    private final List<String> positionals = new ArrayList<>();
    private final Map<String, String> options = new HashMap<>();
    private final Map<String, List<String>> repeated = new HashMap<>();
    private final String usage;

    Args(String[] args, int from, String usage, Set<String> valued, Set<String> flags) {
        this.usage = usage;
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--") && a.length() > 2) {
                String name = a.substring(2);
                if (flags.contains(name)) {
                    options.put(name, "true");
                } else if (valued.contains(name)) {
                    if (i + 1 == args.length) {
                        throw fail("--" + name + " needs a value");
                    }
                    options.put(name, args[++i]);
                    repeated.computeIfAbsent(name, k -> new ArrayList<>()).add(args[i]);
                } else {
                    throw fail("unknown option " + a);
                }
            } else {
                positionals.add(a);
            }
        }
    }

    UsageException fail(String reason) {
        return new UsageException(reason, usage);
    }

    /** Exactly {@code n} positionals were given. */
    Args positionals(int n) {
        if (positionals.size() != n) {
            throw fail("expected " + n + " argument" + (n == 1 ? "" : "s") + ", got " + positionals.size());
        }
        return this;
    }

    List<String> positionals() {
        return positionals;
    }

    String positional(int i) {
        return positionals.get(i);
    }

    boolean has(String name) {
        return options.containsKey(name);
    }

    /** Every value of an option that may be given more than once, in order. */
    List<String> all(String name) {
        return repeated.getOrDefault(name, List.of());
    }

    String string(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback, int min) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min) {
                throw fail("--" + name + " must be at least " + min + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw fail("--" + name + " takes an integer, got '" + v + "'");
        }
    }

    long longValue(String name, long fallback) {
        String v = options.get(name);
        try {
            return v == null ? fallback : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw fail("--" + name + " takes an integer, got '" + v + "'");
        }
    }

    /** A number that may be negative, within [min, max]. */
    float real(String name, float fallback, float min, float max) {
        String v = options.get(name);
        try {
            float f = v == null ? fallback : Float.parseFloat(v);
            if (!(f >= min && f <= max)) {
                throw fail("--" + name + " must be a number from " + min + " to " + max + ", got '" + v + "'");
            }
            return f;
        } catch (NumberFormatException e) {
            throw fail("--" + name + " takes a number, got '" + v + "'");
        }
    }

    float real(String name, float fallback) {
        String v = options.get(name);
        try {
            float f = v == null ? fallback : Float.parseFloat(v);
            if (!(f >= 0) || Float.isInfinite(f)) {
                throw fail("--" + name + " must be a finite number >= 0, got '" + v + "'");
            }
            return f;
        } catch (NumberFormatException e) {
            throw fail("--" + name + " takes a number, got '" + v + "'");
        }
    }
}
