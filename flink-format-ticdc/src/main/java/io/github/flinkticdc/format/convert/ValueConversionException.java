package io.github.flinkticdc.format.convert;

import org.apache.flink.annotation.Internal;

/** A value that does not fit the declared Flink type; the message says why. */
@Internal
public class ValueConversionException extends Exception {

    private static final long serialVersionUID = 1L;

    public ValueConversionException(String reason) {
        super(reason);
    }
}
