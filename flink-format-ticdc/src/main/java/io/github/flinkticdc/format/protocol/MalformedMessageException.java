package io.github.flinkticdc.format.protocol;

import java.io.IOException;

/** A TiCDC message that does not follow the protocol, or holds a value that cannot be read. */
public class MalformedMessageException extends IOException {

    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
