package io.github.flinkticdc.format.protocol;

/**
 * How a claim-check location is written into error messages and logs: without the user information
 * of its authority ({@code s3://user:secret@bucket/...}), which may be a credential.
 */
public final class ClaimCheckLocation {

    private ClaimCheckLocation() {}

    /** The location with any {@code user:password@} before its host replaced by {@code ***@}. */
    public static String printable(String location) {
        int schemeEnd = location.indexOf("://");
        if (schemeEnd < 0) {
            return location;
        }
        int authorityStart = schemeEnd + 3;
        int authorityEnd = location.indexOf('/', authorityStart);
        if (authorityEnd < 0) {
            authorityEnd = location.length();
        }
        int at = location.lastIndexOf('@', authorityEnd - 1);
        if (at < authorityStart) {
            return location;
        }
        return location.substring(0, authorityStart) + "***" + location.substring(at);
    }
}
