package io.autosys.candidategenerator.online;

/** A prediction awaiting its reward: which scope served it, whether to learn from it, its context features. */
final class Request {
    final String id;
    final int scope;
    boolean learn;
    final double[] features;

    Request(String id, int scope, boolean learn, double[] features) {
        this.id = id;
        this.scope = scope;
        this.learn = learn;
        this.features = features;
    }
}
