package io.autosys.ruleengine.api;

import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Which configurations a known-bad entry covers: one exact configuration, or a region (a
 * conjunction of per-parameter clauses). Both have a one-line text form that {@link #parse}
 * reads back to an equal pattern, so operators write them in YAML or JSON as strings and the
 * model repository stores them as text:
 *
 * <pre>
 *   compression_type = "zstd" and block_size &lt;= 2048
 *   write_buffer_size in [268435456, 536870912] and max_write_buffer_number &gt;= 8
 *   compression_type in {"lz4", "zstd"} and bloom_bits_per_key != 0
 *   exactly write_buffer_size = 67108864 and compression_type = "none" and ...
 * </pre>
 *
 * Literals: integers ({@code 42}), reals ({@code 0.5}, {@code 1.0E-3}), quoted strings for
 * categories ({@code "zstd"}), {@code true}/{@code false}. Numbers compare by value (an
 * integer literal matches a real value equal to it); a clause on a parameter the configuration
 * does not set never matches.
 */
public sealed interface KnownBadPattern permits KnownBadPattern.Exact, KnownBadPattern.Region {

    /** True when {@code c} is covered. */
    boolean matches(Configuration c);

    /** The parameters the pattern talks about. */
    List<String> parameters();

    /** The text form; {@link #parse} reads it back. */
    String toText();

    static Exact exact(Configuration configuration) {
        return new Exact(configuration);
    }

    /** Parses the text form; errors name the position and what was expected. */
    static KnownBadPattern parse(String text) {
        return new Parser(text).parsePattern();
    }

    /** Exactly this configuration (what a crashed trial leaves behind). */
    record Exact(Configuration configuration) implements KnownBadPattern {
        public Exact {
            Objects.requireNonNull(configuration, "configuration");
            if (configuration.isEmpty()) {
                throw new IllegalArgumentException("an exact known-bad pattern needs a non-empty configuration");
            }
        }

        @Override
        public boolean matches(Configuration c) {
            return configuration.equals(c);
        }

        @Override
        public List<String> parameters() {
            return List.copyOf(configuration.names());
        }

        @Override
        public String toText() {
            return "exactly " + configuration.values().entrySet().stream()
                    .map(e -> e.getKey() + " = " + Clause.literal(e.getValue())).collect(Collectors.joining(" and "));
        }

        @Override
        public String toString() {
            return toText();
        }
    }

    /** Every configuration where all clauses hold. */
    record Region(List<Clause> clauses) implements KnownBadPattern {
        public Region {
            clauses = List.copyOf(clauses);
            if (clauses.isEmpty()) {
                throw new IllegalArgumentException("a known-bad region needs at least one clause"
                        + " (an empty region would cover every configuration)");
            }
        }

        public static Region of(Clause... clauses) {
            return new Region(List.of(clauses));
        }

        @Override
        public boolean matches(Configuration c) {
            for (Clause clause : clauses) {
                if (!clause.holds(c)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public List<String> parameters() {
            return clauses.stream().map(Clause::parameter).distinct().toList();
        }

        @Override
        public String toText() {
            return clauses.stream().map(Clause::toText).collect(Collectors.joining(" and "));
        }

        @Override
        public String toString() {
            return toText();
        }
    }

    /** The comparison of one clause. */
    enum Op {
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), IN("in"), NOT_IN("not in"), RANGE("in");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    /**
     * One condition on one parameter: a comparison with a literal ({@code values} has one
     * element), membership in a set, or a closed numeric range ({@code values} = [low, high]).
     */
    record Clause(String parameter, Op op, List<Value> values) {
        public Clause {
            Objects.requireNonNull(parameter, "parameter");
            Objects.requireNonNull(op, "op");
            values = List.copyOf(values);
            switch (op) {
                case EQ, NE, LT, LE, GT, GE -> {
                    if (values.size() != 1) {
                        throw new IllegalArgumentException("clause on '" + parameter + "': '" + op.symbol
                                + "' takes one value, got " + values.size());
                    }
                }
                case IN, NOT_IN -> {
                    if (values.isEmpty()) {
                        throw new IllegalArgumentException("clause on '" + parameter + "': the set is empty");
                    }
                }
                case RANGE -> {
                    if (values.size() != 2 || !numeric(values.get(0)) || !numeric(values.get(1))) {
                        throw new IllegalArgumentException("clause on '" + parameter
                                + "': a range takes two numbers [low, high]");
                    }
                    if (values.get(0).asDouble() > values.get(1).asDouble()) {
                        throw new IllegalArgumentException("clause on '" + parameter + "': range low "
                                + values.get(0).asString() + " is greater than high " + values.get(1).asString());
                    }
                }
            }
            if ((op == Op.LT || op == Op.LE || op == Op.GT || op == Op.GE) && !numeric(values.get(0))) {
                throw new IllegalArgumentException("clause on '" + parameter + "': '" + op.symbol
                        + "' needs a number, got " + literal(values.get(0)));
            }
        }

        public static Clause eq(String parameter, Value v) {
            return new Clause(parameter, Op.EQ, List.of(v));
        }

        public static Clause range(String parameter, double low, double high) {
            return new Clause(parameter, Op.RANGE, List.of(number(low), number(high)));
        }

        public static Clause in(String parameter, Value... vs) {
            return new Clause(parameter, Op.IN, List.of(vs));
        }

        public static Clause compare(String parameter, Op op, double v) {
            return new Clause(parameter, op, List.of(number(v)));
        }

        private static Value number(double d) {
            return d == Math.rint(d) && Math.abs(d) < 9.0e15 ? Value.of((long) d) : Value.of(d);
        }

        boolean holds(Configuration c) {
            Value v = c.values().get(parameter);
            if (v == null) {
                return false;
            }
            return switch (op) {
                case EQ -> same(v, values.get(0));
                case NE -> !same(v, values.get(0));
                case IN -> values.stream().anyMatch(x -> same(v, x));
                case NOT_IN -> values.stream().noneMatch(x -> same(v, x));
                case RANGE -> numeric(v) && v.asDouble() >= values.get(0).asDouble()
                        && v.asDouble() <= values.get(1).asDouble();
                case LT -> numeric(v) && v.asDouble() < values.get(0).asDouble();
                case LE -> numeric(v) && v.asDouble() <= values.get(0).asDouble();
                case GT -> numeric(v) && v.asDouble() > values.get(0).asDouble();
                case GE -> numeric(v) && v.asDouble() >= values.get(0).asDouble();
            };
        }

        private static boolean numeric(Value v) {
            return v instanceof Value.Int || v instanceof Value.Real;
        }

        private static boolean same(Value a, Value b) {
            if (numeric(a) && numeric(b)) {
                return a.asDouble() == b.asDouble();
            }
            return a.equals(b);
        }

        static String literal(Value v) {
            if (v instanceof Value.Categorical c) {
                return '"' + c.value().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
            }
            return v.asString();
        }

        public String toText() {
            return switch (op) {
                case IN, NOT_IN -> parameter + " " + op.symbol + " {" + values.stream().map(Clause::literal)
                        .collect(Collectors.joining(", ")) + "}";
                case RANGE -> parameter + " in [" + literal(values.get(0)) + ", " + literal(values.get(1)) + "]";
                default -> parameter + " " + op.symbol + " " + literal(values.get(0));
            };
        }

        @Override
        public String toString() {
            return toText();
        }
    }

    /** A small hand-written recursive-descent parser for the text form. */
    final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = Objects.requireNonNull(text, "known-bad pattern text");
        }

        KnownBadPattern parsePattern() {
            skip();
            boolean exact = keyword("exactly");
            var clauses = new ArrayList<Clause>();
            clauses.add(clause());
            while (keyword("and")) {
                clauses.add(clause());
            }
            skip();
            if (pos < text.length()) {
                throw error("expected 'and' or the end");
            }
            if (!exact) {
                return new Region(clauses);
            }
            var values = new LinkedHashMap<String, Value>();
            for (Clause c : clauses) {
                if (c.op() != Op.EQ) {
                    throw new IllegalArgumentException("known-bad pattern '" + text + "': an exact pattern takes only"
                            + " 'name = value' clauses, got '" + c.toText() + "'");
                }
                if (values.put(c.parameter(), c.values().get(0)) != null) {
                    throw new IllegalArgumentException("known-bad pattern '" + text + "': parameter '"
                            + c.parameter() + "' is given twice");
                }
            }
            return new Exact(Configuration.of(values));
        }

        private Clause clause() {
            String name = name();
            skip();
            if (keyword("not")) {
                if (!keyword("in")) {
                    throw error("expected 'in' after 'not'");
                }
                return new Clause(name, Op.NOT_IN, set());
            }
            if (keyword("in")) {
                skip();
                if (peek() == '[') {
                    pos++;
                    Value lo = literal();
                    expect(',');
                    Value hi = literal();
                    expect(']');
                    return wrap(() -> new Clause(name, Op.RANGE, List.of(lo, hi)));
                }
                return new Clause(name, Op.IN, set());
            }
            Op op;
            if (text.startsWith("!=", pos)) {
                op = Op.NE;
                pos += 2;
            } else if (text.startsWith("<=", pos)) {
                op = Op.LE;
                pos += 2;
            } else if (text.startsWith(">=", pos)) {
                op = Op.GE;
                pos += 2;
            } else if (text.startsWith("<", pos)) {
                op = Op.LT;
                pos++;
            } else if (text.startsWith(">", pos)) {
                op = Op.GT;
                pos++;
            } else if (text.startsWith("=", pos)) {
                op = Op.EQ;
                pos += text.startsWith("==", pos) ? 2 : 1;
            } else {
                throw error("expected an operator (=, !=, <, <=, >, >=, in, not in) after '" + name + "'");
            }
            Value v = literal();
            return wrap(() -> new Clause(name, op, List.of(v)));
        }

        private Clause wrap(java.util.function.Supplier<Clause> make) {
            try {
                return make.get();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("known-bad pattern '" + text + "': " + e.getMessage(), e);
            }
        }

        private List<Value> set() {
            expect('{');
            var out = new ArrayList<Value>();
            out.add(literal());
            while (true) {
                skip();
                if (peek() == ',') {
                    pos++;
                    out.add(literal());
                } else {
                    break;
                }
            }
            expect('}');
            return out;
        }

        private String name() {
            skip();
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "_.-".indexOf(text.charAt(
                    pos)) >= 0)) {
                pos++;
            }
            if (start == pos || !Character.isLetter(text.charAt(start))) {
                pos = start;
                throw error("expected a parameter name");
            }
            return text.substring(start, pos);
        }

        private Value literal() {
            skip();
            char c = peek();
            if (c == '"') {
                pos++;
                var sb = new StringBuilder();
                while (pos < text.length() && text.charAt(pos) != '"') {
                    char ch = text.charAt(pos++);
                    if (ch == '\\' && pos < text.length()) {
                        ch = text.charAt(pos++);
                    }
                    sb.append(ch);
                }
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                pos++;
                return Value.of(sb.toString());
            }
            int start = pos;
            while (pos < text.length() && ("+-.eE".indexOf(text.charAt(pos)) >= 0 || Character.isLetterOrDigit(
                    text.charAt(pos)))) {
                pos++;
            }
            String token = text.substring(start, pos);
            if (token.equals("true") || token.equals("false")) {
                return Value.of(Boolean.parseBoolean(token));
            }
            try {
                if (token.matches("[+-]?\\d+")) {
                    return Value.of(Long.parseLong(token));
                }
                if (!token.isEmpty() && !token.toLowerCase(Locale.ROOT).matches(".*[a-df-z].*")) {
                    return Value.of(Double.parseDouble(token));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            pos = start;
            throw error("expected a number, a quoted string, true or false");
        }

        private boolean keyword(String word) {
            skip();
            if (text.startsWith(word, pos) && (pos + word.length() == text.length()
                    || !Character.isLetterOrDigit(text.charAt(pos + word.length())))) {
                pos += word.length();
                return true;
            }
            return false;
        }

        private void expect(char c) {
            skip();
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private void skip() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("known-bad pattern '" + text + "' at column " + (pos + 1) + ": "
                    + what);
        }
    }
}
