package dev.locara.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parsed template: statements render into the output, expressions evaluate to template values. */
final class TemplateNodes {
    private TemplateNodes() {
    }

    /** Variables visible at one point: a for-loop iteration and a macro call open a child scope. */
    static final class Scope {
        final Map<String, Object> vars = new HashMap<>();
        final Scope parent;
        final Renderer renderer;

        Scope(Scope parent, Renderer renderer) {
            this.parent = parent;
            this.renderer = renderer;
        }

        Object lookup(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                if (s.vars.containsKey(name)) {
                    return s.vars.get(name);
                }
            }
            return new Values.Undefined(name);
        }
    }

    /** Per-render state: the source (for error positions) and the budget of its limits. */
    static final class Renderer {
        final String source;
        final Budget budget;

        Renderer(String source, Budget budget) {
            this.source = source;
            this.budget = budget;
        }

        TemplateException error(TemplateException.Kind kind, String message, int pos) {
            return new TemplateException(kind, message, source, pos);
        }

        TemplateException error(Values.OperationException e, int pos) {
            if (e instanceof Budget.LimitException limit) {
                return TemplateException.limit(limit.limit, e.getMessage(), source, pos);
            }
            return error(e.kind, e.getMessage(), pos);
        }

        void step(int pos) {
            try {
                budget.iteration();
            } catch (Values.OperationException e) {
                throw error(e, pos);
            }
        }
    }

    /** Thrown by break/continue to the enclosing loop. */
    static final class LoopControl extends RuntimeException {
        final boolean isContinue;

        LoopControl(boolean isContinue) {
            super(null, null, false, false);
            this.isContinue = isContinue;
        }
    }

    interface Node {
        void render(Scope scope, StringBuilder out);
    }

    interface Expr {
        Object eval(Scope scope);
    }

    static void renderAll(List<Node> nodes, Scope scope, StringBuilder out) {
        for (Node n : nodes) {
            n.render(scope, out);
            if (out.length() > scope.renderer.budget.limits.maxOutput()) {
                // Every body renders through here: the output, a {% set %} block's capture and a macro's result.
                throw scope.renderer.error(new Budget.LimitException("maxOutput", "the template writes more than "
                        + scope.renderer.budget.limits.maxOutput() + " characters"), 0);
            }
        }
    }

    /** Each expression's value, in order (arguments, list items). */
    static List<Object> evalAll(List<Expr> exprs, Scope scope) {
        List<Object> values = new ArrayList<>();
        for (Expr e : exprs) {
            values.add(e.eval(scope));
        }
        return values;
    }

    /** Each keyword argument's value, in order. */
    static Map<String, Object> evalAll(Map<String, Expr> exprs, Scope scope) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Expr> e : exprs.entrySet()) {
            values.put(e.getKey(), e.getValue().eval(scope));
        }
        return values;
    }

    /**
     * Runs {@code body} and charges its value to the budget, giving any failure other than a
     * TemplateException the position {@code pos}.
     */
    static Object at(Scope scope, int pos, java.util.function.Supplier<Object> body) {
        try {
            return scope.renderer.budget.charge(body.get());
        } catch (Values.OperationException e) {
            throw scope.renderer.error(e, pos);
        }
    }

    // ---- statements ------------------------------------------------------------------------

    record Text(String text) implements Node {
        public void render(Scope scope, StringBuilder out) {
            out.append(text);
        }
    }

    record Output(Expr expr, int pos) implements Node {
        public void render(Scope scope, StringBuilder out) {
            Object v = expr.eval(scope);
            out.append(at(scope, pos, () -> Values.str(v)));
        }
    }

    record If(List<Expr> conditions, List<List<Node>> bodies, int pos) implements Node {
        public void render(Scope scope, StringBuilder out) {
            for (int i = 0; i < conditions.size(); i++) {
                if (Values.truthy(conditions.get(i).eval(scope))) {
                    renderAll(bodies.get(i), scope, out);
                    return;
                }
            }
            if (bodies.size() > conditions.size()) {
                renderAll(bodies.get(conditions.size()), scope, out);
            }
        }
    }

    record For(List<String> targets, Expr iterable, Expr filter, List<Node> body, List<Node> otherwise, int pos) implements Node {
        public void render(Scope scope, StringBuilder out) {
            Object source = iterable.eval(scope);
            List<Object> items = new ArrayList<>();
            for (Object item : (List<?>) at(scope, pos, () -> Values.iterate(source))) {
                if (filter != null) {
                    scope.renderer.step(pos);
                    Scope probe = new Scope(scope, scope.renderer);
                    bind(probe, item);
                    if (!Values.truthy(filter.eval(probe))) {
                        continue;
                    }
                }
                items.add(item);
            }
            if (items.isEmpty()) {
                renderAll(otherwise, scope, out);
                return;
            }
            int n = items.size();
            for (int i = 0; i < n; i++) {
                scope.renderer.step(pos);
                Scope inner = new Scope(scope, scope.renderer);
                bind(inner, items.get(i));
                Map<String, Object> loop = new LinkedHashMap<>();
                loop.put("index", (long) i + 1);
                loop.put("index0", (long) i);
                loop.put("revindex", (long) (n - i));
                loop.put("revindex0", (long) (n - i - 1));
                loop.put("first", i == 0);
                loop.put("last", i == n - 1);
                loop.put("length", (long) n);
                loop.put("previtem", i > 0 ? items.get(i - 1) : new Values.Undefined("loop.previtem"));
                loop.put("nextitem", i < n - 1 ? items.get(i + 1) : new Values.Undefined("loop.nextitem"));
                int index = i;
                loop.put("cycle", (Values.Callable) (args, kwargs) -> args.isEmpty() ? null : args.get(index % args.size()));
                inner.vars.put("loop", loop);
                try {
                    renderAll(body, inner, out);
                } catch (LoopControl c) {
                    if (!c.isContinue) {
                        break;
                    }
                }
            }
        }

        private void bind(Scope s, Object item) {
            if (targets.size() == 1) {
                s.vars.put(targets.get(0), item);
                return;
            }
            List<?> parts = (List<?>) at(s, pos, () -> Values.iterate(item));
            if (parts.size() != targets.size()) {
                throw s.renderer.error(TemplateException.Kind.RUNTIME, "cannot unpack " + parts.size() + " values into "
                        + targets.size() + " loop variables", pos);
            }
            for (int k = 0; k < parts.size(); k++) {
                s.vars.put(targets.get(k), parts.get(k));
            }
        }
    }

    record Break(boolean isContinue) implements Node {
        public void render(Scope scope, StringBuilder out) {
            throw new LoopControl(isContinue);
        }
    }

    record Set(List<String> targets, String attribute, Expr value, int pos) implements Node {
        public void render(Scope scope, StringBuilder out) {
            Object v = value.eval(scope);
            if (attribute != null) {
                Object target = scope.lookup(targets.get(0));
                if (!(target instanceof Values.Namespace ns)) {
                    throw scope.renderer.error(TemplateException.Kind.RUNTIME, "only a namespace() takes attribute assignments, not "
                            + Values.typeName(target), pos);
                }
                ns.put(attribute, v);
            } else if (targets.size() == 1) {
                scope.vars.put(targets.get(0), v);
            } else {
                List<?> parts = (List<?>) at(scope, pos, () -> Values.iterate(v));
                if (parts.size() != targets.size()) {
                    throw scope.renderer.error(TemplateException.Kind.RUNTIME, "cannot unpack " + parts.size() + " values", pos);
                }
                for (int k = 0; k < parts.size(); k++) {
                    scope.vars.put(targets.get(k), parts.get(k));
                }
            }
        }
    }

    record SetBlock(String target, List<Node> body) implements Node {
        public void render(Scope scope, StringBuilder out) {
            StringBuilder captured = new StringBuilder();
            renderAll(body, scope, captured);
            scope.vars.put(target, captured.toString());
        }
    }

    record MacroDef(String name, List<String> params, List<Expr> defaults, List<Node> body, int pos) implements Node {
        public void render(Scope scope, StringBuilder out) {
            Scope definedIn = scope;
            scope.vars.put(name, (Values.Callable) (args, kwargs) -> {
                Budget budget = definedIn.renderer.budget;
                budget.enter();
                try {
                    return call(definedIn, args, kwargs);
                } finally {
                    budget.leave();
                }
            });
        }

        private String call(Scope definedIn, List<Object> args, Map<String, Object> kwargs) {
            {
                Scope call = new Scope(definedIn, definedIn.renderer);
                if (args.size() > params.size()) {
                    throw new Values.OperationException("macro '" + name + "' takes " + params.size() + " arguments, not " + args.size());
                }
                for (int i = 0; i < params.size(); i++) {
                    String p = params.get(i);
                    if (i < args.size()) {
                        call.vars.put(p, args.get(i));
                    } else if (kwargs.containsKey(p)) {
                        call.vars.put(p, kwargs.get(p));
                    } else if (defaults.get(i) != null) {
                        call.vars.put(p, defaults.get(i).eval(call));
                    } else {
                        call.vars.put(p, new Values.Undefined(p));
                    }
                }
                StringBuilder result = new StringBuilder();
                renderAll(body, call, result);
                return result.toString();
            }
        }
    }

    // ---- expressions -----------------------------------------------------------------------

    record Literal(Object value) implements Expr {
        public Object eval(Scope scope) {
            return value;
        }
    }

    record Variable(String name, int pos) implements Expr {
        public Object eval(Scope scope) {
            return scope.lookup(name);
        }
    }

    record ListLiteral(List<Expr> items, int pos) implements Expr {
        public Object eval(Scope scope) {
            return evalAll(items, scope);
        }
    }

    record DictLiteral(List<Expr> keys, List<Expr> values, int pos) implements Expr {
        public Object eval(Scope scope) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                Object k = keys.get(i).eval(scope);
                map.put((String) at(scope, pos, () -> Values.str(k)), values.get(i).eval(scope));
            }
            return map;
        }
    }

    record Conditional(Expr condition, Expr then, Expr otherwise, int pos) implements Expr {
        public Object eval(Scope scope) {
            if (Values.truthy(condition.eval(scope))) {
                return then.eval(scope);
            }
            return otherwise == null ? new Values.Undefined("else branch") : otherwise.eval(scope);
        }
    }

    record Not(Expr operand, int pos) implements Expr {
        public Object eval(Scope scope) {
            return !Values.truthy(operand.eval(scope));
        }
    }

    record Binary(String op, Expr left, Expr right, int pos) implements Expr {
        public Object eval(Scope scope) {
            Object a = left.eval(scope);
            if (op.equals("and")) {
                return Values.truthy(a) ? right.eval(scope) : a;
            }
            if (op.equals("or")) {
                return Values.truthy(a) ? a : right.eval(scope);
            }
            Object b = right.eval(scope);
            return at(scope, pos, () -> Operators.binary(op, a, b));
        }
    }

    record Attribute(Expr target, Expr key, int pos) implements Expr {
        public Object eval(Scope scope) {
            Object o = target.eval(scope);
            Object k = key.eval(scope);
            return at(scope, pos, () -> Values.getItem(o, k));
        }
    }

    record Slice(Expr target, Expr start, Expr stop, Expr step, int pos) implements Expr {
        public Object eval(Scope scope) {
            Object o = target.eval(scope);
            Object a = start == null ? null : start.eval(scope);
            Object b = stop == null ? null : stop.eval(scope);
            Object c = step == null ? null : step.eval(scope);
            return at(scope, pos, () -> Values.slice(o, a, b, c));
        }
    }

    record Call(Expr target, List<Expr> args, Map<String, Expr> kwargs, int pos) implements Expr {
        public Object eval(Scope scope) {
            Object f = target.eval(scope);
            List<Object> a = evalAll(args, scope);
            Map<String, Object> kw = evalAll(kwargs, scope);
            if (f instanceof Values.Undefined u) {
                throw scope.renderer.error(TemplateException.Kind.UNSUPPORTED, "'" + u.name + "' is not a known function", pos);
            }
            if (!(f instanceof Values.Callable c)) {
                throw scope.renderer.error(TemplateException.Kind.RUNTIME, Values.typeName(f) + " is not callable", pos);
            }
            try {
                return scope.renderer.budget.charge(c.call(a, kw));
            } catch (Values.RaisedException e) {
                throw scope.renderer.error(TemplateException.Kind.RAISED, e.getMessage(), pos);
            } catch (Values.OperationException e) {
                throw scope.renderer.error(e, pos);
            }
        }
    }

    record Filter(Expr value, String name, List<Expr> args, Map<String, Expr> kwargs, int pos) implements Expr {
        public Object eval(Scope scope) {
            Object v = value.eval(scope);
            List<Object> a = evalAll(args, scope);
            Map<String, Object> kw = evalAll(kwargs, scope);
            return at(scope, pos, () -> Filters.apply(name, v, a, kw));
        }
    }

    record Test(Expr value, String name, List<Expr> args, int pos) implements Expr {
        public Object eval(Scope scope) {
            Object v = value.eval(scope);
            List<Object> a = evalAll(args, scope);
            return at(scope, pos, () -> Tests.apply(name, v, a));
        }
    }
}
