package io.autosys.modelrepository.api;

/** The store failed (connection lost, disk full); the message says what was being done. */
public final class RepositoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
