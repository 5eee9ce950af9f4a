package io.autosys.candidategenerator.designers;

import io.autosys.candidategenerator.api.Designer;
import io.autosys.candidategenerator.api.DesignerFactory;
import io.autosys.candidategenerator.api.Problem;
import io.autosys.candidategenerator.designers.cmaes.CmaEsDesigner;
import io.autosys.candidategenerator.designers.gp.GpBoDesigner;
import io.autosys.candidategenerator.designers.gp.MetisDesigner;
import io.autosys.candidategenerator.designers.hyperband.HyperbandDesigner;
import io.autosys.candidategenerator.designers.tpe.TpeDesigner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The designers by the names operators use in a study: random, sobol, grid, tpe,
 * tpe-multivariate (or tpe with {@code multivariate: true}), gp-bo, metis, cma-es, hyperband.
 * Snapshots name their designer, so {@link #restore(Problem, byte[])} needs no name.
 */
public final class Designers {
    /** Builds a designer from a problem, settings (may be null) and a seed. */
    @FunctionalInterface
    interface Creator {
        BaseDesigner create(Problem problem, Map<String, Object> settings, long seed);
    }

    private static final Map<String, DesignerFactory> FACTORIES = build();

    private Designers() {
    }

    private static Map<String, DesignerFactory> build() {
        var m = new LinkedHashMap<String, DesignerFactory>();
        add(m, RandomDesigner.NAME, RandomDesigner::new);
        add(m, SobolDesigner.NAME, SobolDesigner::new);
        add(m, GridDesigner.NAME, GridDesigner::new);
        add(m, TpeDesigner.NAME, TpeDesigner::new);
        add(m, TpeDesigner.MULTIVARIATE_NAME, (p, s, seed) -> new TpeDesigner(TpeDesigner.MULTIVARIATE_NAME, p, s, seed));
        add(m, GpBoDesigner.NAME, GpBoDesigner::new);
        add(m, CmaEsDesigner.NAME, CmaEsDesigner::new);
        add(m, HyperbandDesigner.NAME, HyperbandDesigner::new);
        add(m, MetisDesigner.NAME, MetisDesigner::new);
        return Map.copyOf(m);
    }

    private static void add(Map<String, DesignerFactory> m, String name, Creator creator) {
        m.put(name, new Factory(name, creator));
    }

    /** Every designer name, in a stable order. */
    public static List<String> names() {
        return FACTORIES.keySet().stream().sorted().toList();
    }

    /** The factory for {@code name}; an error listing the known names otherwise. */
    public static DesignerFactory factory(String name) {
        DesignerFactory f = name == null ? null : FACTORIES.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown designer '" + name + "'; known designers: " + names());
        }
        return f;
    }

    public static Designer create(String name, Problem problem, Map<String, Object> settings, long seed) {
        return factory(name).create(problem, settings, seed);
    }

    /** Restores any designer from its snapshot (the snapshot names the designer). */
    public static Designer restore(Problem problem, byte[] snapshot) {
        return factory(BaseDesigner.header(snapshot).designer()).restore(problem, snapshot);
    }

    private record Factory(String name, Creator creator) implements DesignerFactory {
        @Override
        public Designer create(Problem problem, Map<String, Object> settings, long seed) {
            Objects.requireNonNull(problem, "problem");
            return creator.create(problem, settings == null ? Map.of() : settings, seed);
        }

        @Override
        public Designer restore(Problem problem, byte[] snapshot) {
            Objects.requireNonNull(problem, "problem");
            BaseDesigner.Header h = BaseDesigner.header(snapshot);
            if (!h.designer().equals(name)) {
                throw new IllegalArgumentException("snapshot is of designer '" + h.designer() + "', not '" + name + "'");
            }
            BaseDesigner d = creator.create(problem, h.settings(), h.seed());
            d.load(snapshot);
            return d;
        }
    }
}
