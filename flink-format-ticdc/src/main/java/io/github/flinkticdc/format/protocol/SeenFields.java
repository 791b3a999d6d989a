package io.github.flinkticdc.format.protocol;

/**
 * The fields of one JSON object a reader has read, so that a field given twice is refused rather
 * than merged or decided by whichever copy a reader happens to look at. TiCDC writes each field
 * once; readers number their fields from 0 to 63.
 */
public final class SeenFields {

    private long seen;

    /** Forgets the fields of the previous object. */
    public void reset() {
        seen = 0;
    }

    /** The fields read so far, one bit each, for {@link #restore}. */
    public long fields() {
        return seen;
    }

    /** Starts an object whose first fields are known to be {@code fields}, as {@link #fields}. */
    public void restore(long fields) {
        seen = fields;
    }

    /**
     * Records field {@code number}.
     *
     * @throws MalformedMessageException if it was read before in this object
     */
    public void markOnce(int number, String field) throws MalformedMessageException {
        long bit = 1L << number;
        if ((seen & bit) != 0) {
            throw new MalformedMessageException(
                    "field '" + field + "' appears twice; TiCDC writes each field once");
        }
        seen |= bit;
    }
}
