package io.autosys.ruleengine;

import io.autosys.sdk.api.BooleanParameter;
import io.autosys.sdk.api.CategoricalParameter;
import io.autosys.sdk.api.Condition;
import io.autosys.sdk.api.IntegerParameter;
import io.autosys.sdk.api.Parameter;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.RealParameter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a parameter space into DRL: for every parameter, rules for a missing active value, a set
 * inactive value, the wrong type, bounds, the step grid and categories, and one rule for unknown
 * names. Each rule carries the parameter's activation chain (its parent's value, the
 * grandparent's, ...) as patterns, so a value check fires only where the parameter is active,
 * exactly as {@link ParameterSpace#violations} reports it. Rule names are
 * {@code space:<check>:<parameter>}; every pattern is keyed by the space id, so the rules of many
 * spaces live in one rule set.
 */
final class SpaceRuleGenerator {

    private SpaceRuleGenerator() {
    }

    /** A stable id for a space: a hash of its parameters' full description. */
    static String spaceId(ParameterSpace space) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(space.parameters().toString()
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String packageName(String spaceId) {
        return "autosys.space.s" + spaceId;
    }

    static String generate(String spaceId, ParameterSpace space) {
        var drl = new StringBuilder();
        drl.append("package ").append(packageName(spaceId)).append(";\n\n");
        drl.append("import io.autosys.ruleengine.facts.*;\n\n");
        String sid = quote(spaceId);
        String names = space.parameters().stream().map(p -> quote(p.name())).collect(Collectors.joining(", "));
        String known = space.parameters().stream().map(Parameter::name).collect(Collectors.joining(", ", "[", "]"));
        rule(drl, "space:unknown-parameter",
                List.of("$s : Setting(space == " + sid + (names.isEmpty() ? "" : ", name not in (" + names + ")") + ")"),
                "$s.getFindings().reject(\"parameter '\" + $s.getName() + \"' is not in the space " + escape(known)
                        + "\", $s.getName());");
        for (Parameter p : space.parameters()) {
            List<String> chain = chain(space, p, sid);
            String n = p.name();
            String qn = quote(n);
            var missing = new ArrayList<String>();
            missing.add("$c : SpaceCheck(space == " + sid + ", has(" + qn + ") == false)");
            missing.addAll(chain);
            rule(drl, "space:missing:" + n, missing, "$c.getFindings().reject(\"parameter '" + n
                    + "' is active but has no value\", " + qn + ");");
            if (p.condition() != null) {
                Condition c = p.condition();
                String active = chain.size() == 1 ? chain.get(0) : "(" + String.join(" and ", chain) + ")";
                rule(drl, "space:inactive:" + n, List.of("$s : Setting(space == " + sid + ", name == " + qn + ")",
                        "not " + active), "$s.getFindings().reject(\"parameter '" + n + "' is set but inactive: it applies only when '"
                                + c.parent() + "' is one of " + escape(c.values().toString()) + "\", " + qn + ");");
            }
            String setting = "$s : Setting(space == " + sid + ", name == " + qn + ", ";
            String kind = p.kind();
            valueRule(drl, "space:type:" + n, chain, setting + "kind != " + quote(kind) + ")",
                    "\"parameter '" + n + "' is " + kind + " but got a \" + $s.getKind() + \" value '\" + $s.getText() + \"'\"",
                    qn);
            if (p instanceof IntegerParameter ip) {
                String range = "[" + ip.min() + ", " + ip.max() + "]";
                valueRule(drl, "space:bounds:" + n, chain, setting + "kind == \"integer\", longValue < " + lit(ip.min())
                        + " || longValue > " + lit(ip.max()) + ")",
                        "\"parameter '" + n + "' value \" + $s.getText() + \" is outside " + range + "\"", qn);
                if (ip.step() > 1) {
                    valueRule(drl, "space:step:" + n, chain, setting + "kind == \"integer\", longValue >= " + lit(ip.min())
                            + ", longValue <= " + lit(ip.max()) + ", SpaceMath.offIntGrid(longValue, " + lit(ip.min())
                            + ", " + lit(ip.step()) + "))",
                            "\"parameter '" + n + "' value \" + $s.getText() + \" is off the step grid " + ip.min()
                                    + " + k*" + ip.step() + "\"", qn);
                }
            } else if (p instanceof RealParameter rp) {
                String range = "[" + rp.min() + ", " + rp.max() + "]";
                valueRule(drl, "space:bounds:" + n, chain, setting + "kind == \"real\", number < " + lit(rp.min())
                        + " || number > " + lit(rp.max()) + ")",
                        "\"parameter '" + n + "' value \" + $s.getText() + \" is outside " + range + "\"", qn);
                if (rp.step() > 0) {
                    valueRule(drl, "space:step:" + n, chain, setting + "kind == \"real\", number >= " + lit(rp.min())
                            + ", number <= " + lit(rp.max()) + ", SpaceMath.offRealGrid(number, " + lit(rp.min()) + ", "
                            + lit(rp.step()) + "))",
                            "\"parameter '" + n + "' value \" + $s.getText() + \" is off the step grid " + rp.min()
                                    + " + k*" + rp.step() + "\"", qn);
                }
            } else if (p instanceof CategoricalParameter cp) {
                String cats = cp.categories().stream().map(SpaceRuleGenerator::quote).collect(Collectors.joining(", "));
                valueRule(drl, "space:category:" + n, chain, setting + "kind == \"categorical\", text not in (" + cats
                        + "))", "\"parameter '" + n + "' value '\" + $s.getText() + \"' is not one of "
                                + escape(cp.categories().toString()) + "\"", qn);
            } else if (!(p instanceof BooleanParameter)) {
                throw new IllegalStateException("no built-in rules for parameter kind " + p.kind());
            }
        }
        return drl.toString();
    }

    /** Patterns that hold exactly when {@code p}'s parent chain makes it active (empty when unconditional). */
    private static List<String> chain(ParameterSpace space, Parameter p, String sid) {
        var out = new ArrayList<String>();
        Parameter cur = p;
        while (cur.condition() != null) {
            Condition c = cur.condition();
            out.add("Setting(space == " + sid + ", name == " + quote(c.parent()) + ", text in (" + c.values().stream()
                    .map(SpaceRuleGenerator::quote).collect(Collectors.joining(", ")) + "))");
            cur = space.get(c.parent());
        }
        return out;
    }

    private static void valueRule(StringBuilder drl, String name, List<String> chain, String pattern, String message,
            String quotedParam) {
        var lhs = new ArrayList<>(chain);
        lhs.add(pattern);
        rule(drl, name, lhs, "$s.getFindings().reject(" + message + ", " + quotedParam + ");");
    }

    private static void rule(StringBuilder drl, String name, List<String> lhs, String rhs) {
        drl.append("rule ").append(quote(name)).append("\nwhen\n");
        for (String pattern : lhs) {
            drl.append("    ").append(pattern).append('\n');
        }
        drl.append("then\n    ").append(rhs).append("\nend\n\n");
    }

    private static String lit(long v) {
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? Long.toString(v) : v + "L";
    }

    /** The shortest decimal that reads back as exactly {@code v}, without an exponent. */
    private static String lit(double v) {
        String s = BigDecimal.valueOf(v).toPlainString();
        return s.contains(".") ? s : s + ".0";
    }

    static String quote(String s) {
        return '"' + escape(s) + '"';
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
