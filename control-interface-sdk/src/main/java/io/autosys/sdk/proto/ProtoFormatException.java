package io.autosys.sdk.proto;

/** A message that cannot be read as the SDK type it stands for; the message names the field. */
public final class ProtoFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ProtoFormatException(String message) {
        super(message);
    }

    public ProtoFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
