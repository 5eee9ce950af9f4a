package io.autosys.ruleengine;

import io.autosys.ruleengine.api.RuleFileError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.conf.SequentialOption;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;

/**
 * Compiles DRL texts into a KieBase the way STACK.md describes: each text goes into a
 * KieFileSystem under its package's folder, KieBuilder builds them all, ERROR messages become
 * {@link RuleFileError}s naming the file and line. Each build gets its own ReleaseId.
 */
final class RuleSetCompiler {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE);

    private final KieServices kie = KieServices.Factory.get();
    private final String artifactId;
    private final ClassLoader classLoader = RuleSetCompiler.class.getClassLoader();

    private final boolean sequential;

    /**
     * @param sequential build KieBases in Drools's sequential mode: facts are inserted first, then
     *                   each rule is evaluated once; an insert, modify or update in a consequence is
     *                   ignored. Checks never change their facts, so the verdicts are the same and
     *                   a check is about 10% faster.
     */
    RuleSetCompiler(String artifactId, boolean sequential) {
        this.artifactId = artifactId;
        this.sequential = sequential;
    }

    sealed interface Result permits Compiled, Failed {
    }

    /** A built rule set; {@code ruleSources} maps "package/rule name" to the file it came from. */
    record Compiled(KieBase base, ReleaseId releaseId, Map<String, String> ruleSources, int ruleCount)
            implements Result {
    }

    record Failed(List<RuleFileError> errors) implements Result {
    }

    static String ruleKey(String packageName, String ruleName) {
        return packageName + "/" + ruleName;
    }

    Result compile(List<RuleSource> sources, long sequence) {
        ReleaseId releaseId = kie.newReleaseId("io.autosys.rules", artifactId, "1.0." + sequence);
        KieFileSystem kfs = kie.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        var pathToSource = new LinkedHashMap<String, String>();
        for (RuleSource s : sources) {
            Matcher m = PACKAGE.matcher(stripComments(s.content()));
            String folder = m.find() ? m.group(1).replace('.', '/') + "/" : "";
            String file = s.name().replace(':', '_').replace('/', '_');
            String path = "src/main/resources/" + folder + file;
            if (pathToSource.containsKey(path)) {
                path = "src/main/resources/" + folder + pathToSource.size() + "_" + file;
            }
            pathToSource.put(path, s.name());
            kfs.write(path, s.content());
        }
        KieBuilder builder = kie.newKieBuilder(kfs, classLoader).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            kie.getRepository().removeKieModule(releaseId);
            var out = new ArrayList<RuleFileError>();
            for (Message msg : errors) {
                out.add(new RuleFileError(sourceOf(msg.getPath(), pathToSource), Math.max(0, msg.getLine()),
                        Math.max(0, msg.getColumn()), msg.getText().trim()));
            }
            return new Failed(out);
        }
        KieContainer container = kie.newKieContainer(releaseId, classLoader);
        KieBaseConfiguration conf = kie.newKieBaseConfiguration();
        if (sequential) {
            conf.setOption(SequentialOption.YES);
        }
        KieBase base = container.newKieBase(conf);
        var ruleSources = new HashMap<String, String>();
        int count = 0;
        for (KiePackage pkg : base.getKiePackages()) {
            for (Rule r : pkg.getRules()) {
                count++;
                String src = "";
                if (r instanceof RuleImpl impl && impl.getResource() != null) {
                    src = sourceOf(impl.getResource().getSourcePath(), pathToSource);
                }
                ruleSources.put(ruleKey(pkg.getName(), r.getName()), src);
            }
        }
        return new Compiled(base, releaseId, Map.copyOf(ruleSources), count);
    }

    /** Forgets a build in Drools's global repository, so reloads do not accumulate modules. */
    void release(ReleaseId releaseId) {
        kie.getRepository().removeKieModule(releaseId);
    }

    private static String sourceOf(String path, Map<String, String> pathToSource) {
        if (path == null || path.isEmpty()) {
            return "?";
        }
        String direct = pathToSource.get(path);
        if (direct != null) {
            return direct;
        }
        for (var e : pathToSource.entrySet()) {
            if (e.getKey().endsWith(path) || path.endsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return path;
    }

    /** Drops // and block comments so a commented-out package line is not taken for the package. */
    private static String stripComments(String drl) {
        return drl.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
    }
}
