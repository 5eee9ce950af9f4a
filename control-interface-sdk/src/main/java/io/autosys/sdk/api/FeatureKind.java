package io.autosys.sdk.api;

/** Kind of a context feature. */
public enum FeatureKind {
    NUMERIC,
    CATEGORICAL
}
