package io.autosys.candidategenerator.designers;

import io.autosys.candidategenerator.api.Problem;
import io.autosys.candidategenerator.api.Suggestion;
import io.autosys.sdk.api.Configuration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Uniform random search in the encoded space (log scales and steps respected); the baseline. */
public final class RandomDesigner extends BaseDesigner {
    public static final String NAME = "random";

    public RandomDesigner(Problem problem, Map<String, Object> settings, long seed) {
        super(NAME, problem, Settings.of(NAME, settings, Set.of()), seed);
    }

    @Override
    protected List<Suggestion> propose(int count) {
        var out = new ArrayList<Configuration>();
        var suggestions = new ArrayList<Suggestion>();
        for (int i = 0; i < count; i++) {
            Configuration c = freshRandom(out);
            out.add(c);
            suggestions.add(Suggestion.of(c));
        }
        return suggestions;
    }
}
