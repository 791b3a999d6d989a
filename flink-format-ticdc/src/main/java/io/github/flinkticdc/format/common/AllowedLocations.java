package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.protocol.ClaimCheck;
import io.github.flinkticdc.format.protocol.ClaimCheckLocation;
import io.github.flinkticdc.format.protocol.MalformedMessageException;

import org.apache.flink.annotation.Internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The {@code claim-check.allowed-locations} rule: a message names the object to read, so a location
 * is read only when it lies under one of the configured prefixes. Locations and prefixes are
 * compared as parsed URIs, segment by segment, never as text: the scheme and authority must be
 * equal and the prefix's path segments must begin the location's, so {@code file:/data/cc} allows
 * {@code file:/data/cc/x.json} but not {@code file:/data/cc-evil/x.json}. What could make two
 * spellings name different files, or a path climb out of its prefix, is refused outright rather
 * than normalised: {@code .} and {@code ..} segments, empty segments ({@code //}),
 * percent-encoding, backslashes, user information, queries and fragments. TiCDC writes none of them
 * ({@code <storage-uri>/<uuid>.json}).
 */
@Internal
final class AllowedLocations {

    private final List<Location> prefixes = new ArrayList<>();

    /**
     * @param prefixes the option's values
     * @throws IllegalArgumentException naming the first prefix that is not a plain URI
     */
    AllowedLocations(List<String> prefixes) {
        for (String prefix : prefixes) {
            try {
                this.prefixes.add(Location.parse(prefix, true));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(
                        "'" + ClaimCheckLocation.printable(prefix) + "' " + e.getReason());
            }
        }
    }

    boolean isEmpty() {
        return prefixes.isEmpty();
    }

    /**
     * @return the location as a URI to read, when a prefix allows it
     * @throws MalformedMessageException naming the option when no prefix allows it
     */
    URI require(String location) throws MalformedMessageException {
        if (prefixes.isEmpty()) {
            throw ClaimCheck.notAllowed(location);
        }
        Location parsed;
        try {
            parsed = Location.parse(location, false);
        } catch (URISyntaxException e) {
            throw refused(location, e.getReason());
        }
        for (Location prefix : prefixes) {
            if (parsed.isUnder(prefix)) {
                return parsed.uri;
            }
        }
        throw refused(location, "is not under any of them");
    }

    private MalformedMessageException refused(String location, String why) {
        return new MalformedMessageException(
                "the claim-check location '"
                        + ClaimCheckLocation.printable(location)
                        + "' is refused by '"
                        + ClaimCheck.ALLOWED_LOCATIONS_OPTION
                        + "': it "
                        + why
                        + "; only objects under the listed locations are read (set the option to"
                        + " the changefeed's claim-check-storage-uri)");
    }

    /**
     * A location parsed for comparison: the scheme lower-cased (schemes are case-insensitive), the
     * authority as written (a bucket or host spelled otherwise is refused, never guessed at), the
     * path in segments.
     */
    private static final class Location {

        final URI uri;
        final String scheme;
        final String authority;
        final List<String> segments;

        private Location(URI uri, String scheme, String authority, List<String> segments) {
            this.uri = uri;
            this.scheme = scheme;
            this.authority = authority;
            this.segments = segments;
        }

        /**
         * @param prefix whether this is a prefix, which may end with a slash
         * @throws URISyntaxException whose reason says what is refused
         */
        static Location parse(String text, boolean prefix) throws URISyntaxException {
            refuseIf(text.indexOf('%') >= 0, text, "holds percent-encoding");
            refuseIf(text.indexOf('\\') >= 0, text, "holds a backslash");
            URI uri = new URI(text);
            refuseIf(uri.isOpaque() || uri.getRawPath() == null, text, "is not a hierarchical URI");
            refuseIf(uri.getRawUserInfo() != null, text, "holds user information");
            refuseIf(
                    uri.getRawQuery() != null || uri.getRawFragment() != null,
                    text,
                    "holds a query or fragment");
            String path = uri.getRawPath();
            if (prefix && path.isEmpty() && uri.getRawAuthority() != null) {
                // "s3://bucket" allows the whole bucket.
                path = "/";
            }
            refuseIf(!path.startsWith("/"), text, "has no absolute path");
            List<String> segments =
                    new ArrayList<>(Arrays.asList(path.substring(1).split("/", -1)));
            if (prefix && segments.get(segments.size() - 1).isEmpty()) {
                // "file:/data/cc/" is the same prefix as "file:/data/cc"; "file:/" allows all.
                segments.remove(segments.size() - 1);
            }
            for (String segment : segments) {
                refuseIf(
                        segment.isEmpty(), text, "has an empty path segment ('//' or a final '/')");
                refuseIf(
                        segment.equals(".") || segment.equals(".."),
                        text,
                        "has a '.' or '..' path segment");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.isEmpty() && !scheme.equals(uri.getScheme())) {
                // Flink finds file systems by the lower-case scheme.
                uri = URI.create(scheme + text.substring(scheme.length()));
            }
            return new Location(
                    uri,
                    scheme,
                    uri.getRawAuthority() == null ? "" : uri.getRawAuthority(),
                    segments);
        }

        /** Whether this names an object under {@code prefix}, not the prefix itself. */
        boolean isUnder(Location prefix) {
            return scheme.equals(prefix.scheme)
                    && authority.equals(prefix.authority)
                    && segments.size() > prefix.segments.size()
                    && segments.subList(0, prefix.segments.size()).equals(prefix.segments);
        }

        private static void refuseIf(boolean refused, String text, String reason)
                throws URISyntaxException {
            if (refused) {
                // The input is not repeated: it may hold credentials (user information).
                throw new URISyntaxException("location", reason);
            }
        }
    }
}
