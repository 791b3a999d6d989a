package io.github.flinkticdc.format.convert;

/** A value that does not fit the declared Flink type; the message says why. */
public class ValueConversionException extends Exception {

    private static final long serialVersionUID = 1L;

    public ValueConversionException(String reason) {
        super(reason);
    }
}
