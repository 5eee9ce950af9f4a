package io.autosys.sdk.api;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** A knob that takes one of a list of named values. */
public record CategoricalParameter(String name, List<String> categories, boolean ordered, String defaultCategory,
        String description, String unit, Condition condition) implements Parameter {

    public CategoricalParameter {
        Names.require("parameter", name);
        description = description == null ? "" : description;
        unit = unit == null ? "" : unit;
        if (categories == null || categories.isEmpty()) {
            throw new IllegalArgumentException("parameter '" + name + "': the category list is empty");
        }
        categories = List.copyOf(categories);
        var seen = new HashSet<String>();
        for (String c : categories) {
            if (c.isEmpty()) {
                throw new IllegalArgumentException("parameter '" + name + "': a category is the empty string");
            }
            if (!seen.add(c)) {
                throw new IllegalArgumentException("parameter '" + name + "': category '" + c + "' is listed twice");
            }
        }
        if (!categories.contains(defaultCategory)) {
            throw new IllegalArgumentException("parameter '" + name + "': default '" + defaultCategory
                    + "' is not one of " + categories);
        }
    }

    public static CategoricalParameter of(String name, List<String> categories, String defaultValue) {
        return new CategoricalParameter(name, categories, false, defaultValue, "", "", null);
    }

    public CategoricalParameter withCondition(Condition newCondition) {
        return new CategoricalParameter(name, categories, ordered, defaultCategory, description, unit, newCondition);
    }

    public CategoricalParameter withOrdered(boolean isOrdered) {
        return new CategoricalParameter(name, categories, isOrdered, defaultCategory, description, unit, condition);
    }

    public CategoricalParameter withDescription(String newDescription, String newUnit) {
        return new CategoricalParameter(name, categories, ordered, defaultCategory, newDescription, newUnit, condition);
    }

    /** The same knob restricted to a subset of its categories (a study's restriction). */
    public CategoricalParameter withCategories(List<String> subset) {
        for (String c : subset) {
            if (!categories.contains(c)) {
                throw new IllegalArgumentException("parameter '" + name + "': '" + c + "' is not one of " + categories);
            }
        }
        String d = subset.contains(defaultCategory) ? defaultCategory : subset.isEmpty() ? null : subset.get(0);
        return new CategoricalParameter(name, subset, ordered, d, description, unit, condition);
    }

    public int indexOf(String category) {
        return categories.indexOf(category);
    }

    @Override
    public Value defaultValue() {
        return Value.of(defaultCategory);
    }

    @Override
    public String kind() {
        return "categorical";
    }

    @Override
    public Optional<Violation> check(Value value) {
        if (!(value instanceof Value.Categorical c)) {
            return Optional.of(typeViolation(value));
        }
        if (!categories.contains(c.value())) {
            return Optional.of(new Violation(name, "category", "parameter '" + name + "' value '" + c.value()
                    + "' is not one of " + categories));
        }
        return Optional.empty();
    }

    @Override
    public boolean isConstant() {
        return categories.size() == 1;
    }

    @Override
    public String domain() {
        return "one of " + categories;
    }
}
