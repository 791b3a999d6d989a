package io.github.flinkticdc.format.protocol;

import java.io.IOException;

/**
 * The storage that holds claim-check objects could not be read (network, permissions, an
 * unavailable file system). Unlike a bad message, this is never skipped by {@code
 * ignore-parse-errors}: skipping would lose a row that exists, while failing lets the job restart
 * from its checkpoint and read it again.
 */
public final class ClaimCheckStorageException extends IOException {

    private static final long serialVersionUID = 1L;

    public ClaimCheckStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
