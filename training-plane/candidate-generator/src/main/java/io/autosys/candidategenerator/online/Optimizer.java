package io.autosys.candidategenerator.online;

/** How BlueFin turns a gradient estimate into a step. */
public enum Optimizer {
    /** step = eta * grad. */
    SGD,
    /** v = alpha v + (1 - alpha) grad^2; step = eta * grad / (sqrt(v) + eps). */
    RMSPROP;

    static Optimizer parse(String setting, String value) {
        return switch (value) {
            case "sgd" -> SGD;
            case "rmsprop" -> RMSPROP;
            default -> throw new IllegalArgumentException("setting '" + setting + "': unknown optimizer '" + value
                    + "'; allowed: rmsprop, sgd");
        };
    }

    String settingValue() {
        return this == SGD ? "sgd" : "rmsprop";
    }
}
