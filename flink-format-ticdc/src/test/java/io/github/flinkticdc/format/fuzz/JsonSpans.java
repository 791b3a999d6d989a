package io.github.flinkticdc.format.fuzz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * Where each value of a (valid) JSON message lies in its bytes, with its path ({@code /data/0/id})
 * and, for object members, where the member's name starts, so that JSON-aware mutations can
 * replace, duplicate or remove exactly one value or member. Computed once per seed message.
 */
final class JsonSpans {

    enum Kind {
        STRING,
        NUMBER,
        BOOLEAN,
        NULL,
        OBJECT,
        ARRAY
    }

    /** One value: bytes {@code [start, end)}; a member's name starts at {@code memberStart}. */
    static final class Span {
        final int start;
        final int end;
        final Kind kind;
        final String path;

        /** The member name, or null for an array element or the root. */
        final String name;

        /** Start of {@code "name":}, or -1 when not an object member. */
        final int memberStart;

        final int depth;

        Span(int start, int end, Kind kind, String path, String name, int memberStart, int depth) {
            this.start = start;
            this.end = end;
            this.kind = kind;
            this.path = path;
            this.name = name;
            this.memberStart = memberStart;
            this.depth = depth;
        }

        boolean isMember() {
            return memberStart >= 0;
        }

        /** A value of a row image: canal-json data/old, Open Protocol u/p/d column values. */
        boolean isRowValue() {
            return path.matches("/(data|old)/0/[^/]+|/[upd]/[^/]+/v");
        }
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    final List<Span> spans;

    private JsonSpans(List<Span> spans) {
        this.spans = Collections.unmodifiableList(spans);
    }

    /** The spans of {@code json}; empty when it is not one well-formed JSON value. */
    static JsonSpans of(byte[] json) {
        List<Span> spans = new ArrayList<>();
        Deque<Object[]> open = new ArrayDeque<>(); // {start, kind, path, name, memberStart, index}
        try (JsonParser p = FACTORY.createParser(json)) {
            String name = null;
            int memberStart = -1;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                int start = (int) p.currentTokenLocation().getByteOffset();
                if (t == JsonToken.FIELD_NAME) {
                    name = p.currentName();
                    memberStart = start;
                    continue;
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    Object[] f = open.pop();
                    spans.add(
                            new Span(
                                    (int) f[0],
                                    (int) p.currentLocation().getByteOffset(),
                                    (Kind) f[1],
                                    (String) f[2],
                                    (String) f[3],
                                    (int) f[4],
                                    open.size()));
                    continue;
                }
                String path;
                String ownName = null;
                int ownMemberStart = -1;
                if (open.isEmpty()) {
                    path = "";
                } else {
                    Object[] parent = open.peek();
                    if (parent[1] == Kind.ARRAY) {
                        int index = (int) parent[5];
                        parent[5] = index + 1;
                        path = parent[2] + "/" + index;
                    } else {
                        path = parent[2] + "/" + name;
                        ownName = name;
                        ownMemberStart = memberStart;
                    }
                }
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    Kind kind = t == JsonToken.START_OBJECT ? Kind.OBJECT : Kind.ARRAY;
                    open.push(new Object[] {start, kind, path, ownName, ownMemberStart, 0});
                    continue;
                }
                if (t == JsonToken.VALUE_STRING) {
                    p.getText();
                }
                spans.add(
                        new Span(
                                start,
                                (int) p.currentLocation().getByteOffset(),
                                kind(t),
                                path,
                                ownName,
                                ownMemberStart,
                                open.size()));
            }
        } catch (IOException | RuntimeException e) {
            return new JsonSpans(new ArrayList<>());
        }
        return new JsonSpans(spans);
    }

    private static Kind kind(JsonToken t) {
        switch (t) {
            case VALUE_STRING:
                return Kind.STRING;
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return Kind.NUMBER;
            case VALUE_TRUE:
            case VALUE_FALSE:
                return Kind.BOOLEAN;
            default:
                return Kind.NULL;
        }
    }
}
