package io.autosys.benchmarks.designers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autosys.sdk.api.BooleanParameter;
import io.autosys.sdk.api.CategoricalParameter;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.IntegerParameter;
import io.autosys.sdk.api.Parameter;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.RealParameter;
import io.autosys.sdk.api.Scale;
import io.autosys.sdk.api.Value;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Optuna study driven over {@code shared/peers/optuna_bridge.py} (ask/tell as JSON lines on
 * the child's stdin/stdout), so Optuna's samplers run the same loop, functions and seeds as our
 * designers. One process per run; close it when done.
 */
public final class OptunaBridge implements AutoCloseable {
    /** Debian's python3, which sees Debian's python3-optuna. */
    public static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;
    private final ParameterSpace space;

    public OptunaBridge(Path bridgeScript, String sampler, long seed, ParameterSpace space) throws IOException {
        this.space = space;
        process = new ProcessBuilder(PYTHON, bridgeScript.toString(), sampler, Long.toString(seed), spaceJson(space))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Why Optuna cannot run here, or null when it can: checks python3 and the optuna module. */
    public static String unavailableReason(Path bridgeScript) {
        if (!Files.isRegularFile(bridgeScript)) {
            return "the Optuna bridge " + bridgeScript + " does not exist (set -Dautosys.peers=DIR to the shared/peers"
                    + " directory)";
        }
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return PYTHON + " is missing";
        }
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import optuna; print(optuna.__version__)")
                    .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "Optuna is not installed for " + PYTHON + " (" + lastLine(text) + ")";
            }
            return null;
        } catch (IOException e) {
            return "cannot run " + PYTHON + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while checking for Optuna";
        }
    }

    /** The installed Optuna version, or "unknown". */
    public static String version() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import optuna; print(optuna.__version__)")
                    .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(60, TimeUnit.SECONDS);
            return lastLine(text);
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\n");
        return lines[lines.length - 1];
    }

    /** The bridge's space format: float / logfloat / int / cat. */
    static String spaceJson(ParameterSpace space) {
        ObjectNode o = JSON.createObjectNode();
        for (Parameter p : space.parameters()) {
            if (p.condition() != null) {
                throw new IllegalArgumentException("the Optuna bridge has no conditional parameters ('" + p.name() + "')");
            }
            var a = o.putArray(p.name());
            if (p instanceof RealParameter r) {
                if (r.step() > 0) {
                    throw new IllegalArgumentException("the Optuna bridge has no stepped reals ('" + p.name() + "')");
                }
                a.add(r.scale() == Scale.LOG ? "logfloat" : "float").add(r.min()).add(r.max());
            } else if (p instanceof IntegerParameter i) {
                if (i.step() != 1 || i.scale() == Scale.LOG) {
                    throw new IllegalArgumentException("the Optuna bridge has only linear integers of step 1 ('"
                            + p.name() + "')");
                }
                a.add("int").add(i.min()).add(i.max());
            } else if (p instanceof CategoricalParameter c) {
                var cats = a.add("cat").addArray();
                c.categories().forEach(cats::add);
            } else if (p instanceof BooleanParameter) {
                a.add("cat").addArray().add("false").add("true");
            }
        }
        return o.toString();
    }

    /** A trial: Optuna's id and the configuration it proposes. */
    public record Asked(int id, Configuration configuration) {
    }

    public Asked ask() throws IOException {
        JsonNode r = call("{\"op\":\"ask\"}");
        JsonNode params = r.get("params");
        var m = new LinkedHashMap<String, Value>();
        for (Parameter p : space.parameters()) {
            JsonNode v = params.get(p.name());
            if (p instanceof RealParameter) {
                m.put(p.name(), Value.of(v.asDouble()));
            } else if (p instanceof IntegerParameter) {
                m.put(p.name(), Value.of(v.asLong()));
            } else if (p instanceof BooleanParameter) {
                m.put(p.name(), Value.of(Boolean.parseBoolean(v.asText())));
            } else {
                m.put(p.name(), Value.of(v.asText()));
            }
        }
        return new Asked(r.get("id").asInt(), space.validate(Configuration.of(m)));
    }

    public void tell(int id, double value) throws IOException {
        ObjectNode o = JSON.createObjectNode().put("op", "tell").put("id", id).put("value", value);
        call(o.toString());
    }

    public void tellFailed(int id) throws IOException {
        ObjectNode o = JSON.createObjectNode().put("op", "tell").put("id", id).put("state", "fail");
        call(o.toString());
    }

    private JsonNode call(String line) throws IOException {
        in.write(line);
        in.write('\n');
        in.flush();
        String reply = out.readLine();
        if (reply == null) {
            throw new IOException("the Optuna bridge exited (exit code " + (process.isAlive() ? "running"
                    : process.exitValue()) + "); see its error output above");
        }
        return JSON.readTree(reply);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // the child may already be gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static List<String> samplers() {
        return List.of("tpe", "tpe_mv", "cmaes", "random", "qmc");
    }
}
