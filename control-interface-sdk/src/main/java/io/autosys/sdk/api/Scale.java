package io.autosys.sdk.api;

/** How a numeric parameter is searched: evenly in its value, or evenly in its logarithm. */
public enum Scale {
    LINEAR,
    LOG
}
