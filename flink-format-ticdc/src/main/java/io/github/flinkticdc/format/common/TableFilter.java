package io.github.flinkticdc.format.common;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code database.include} / {@code table.include} rule: Java regular expressions that must
 * match the whole name. Consecutive events of one table are the common case, so the last answer is
 * remembered.
 */
@Internal
public final class TableFilter implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Pattern database;
    private final Pattern table;

    private transient boolean hasLast;
    private transient String lastDatabase;
    private transient String lastTable;
    private transient boolean lastAccepted;

    /** Either pattern may be null, meaning every name. */
    public TableFilter(String databaseRegex, String tableRegex) {
        this.database = databaseRegex == null ? null : Pattern.compile(databaseRegex);
        this.table = tableRegex == null ? null : Pattern.compile(tableRegex);
    }

    /**
     * Fails with a message naming {@code option} when {@code regex} is not a valid Java regular
     * expression; null is valid.
     */
    public static void validateRegex(String option, String regex) {
        if (regex == null) {
            return;
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ValidationException(
                    String.format(
                            "Option '%s' is not a valid Java regular expression: %s",
                            option, e.getMessage()));
        }
    }

    public boolean accepts(String databaseName, String tableName) {
        if (database == null && table == null) {
            return true;
        }
        if (hasLast
                && Objects.equals(databaseName, lastDatabase)
                && Objects.equals(tableName, lastTable)) {
            return lastAccepted;
        }
        lastAccepted = matches(database, databaseName) && matches(table, tableName);
        lastDatabase = databaseName;
        lastTable = tableName;
        hasLast = true;
        return lastAccepted;
    }

    private static boolean matches(Pattern pattern, String name) {
        return pattern == null || pattern.matcher(name == null ? "" : name).matches();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TableFilter)) {
            return false;
        }
        TableFilter that = (TableFilter) o;
        return Objects.equals(regex(database), regex(that.database))
                && Objects.equals(regex(table), regex(that.table));
    }

    @Override
    public int hashCode() {
        return Objects.hash(regex(database), regex(table));
    }

    private static String regex(Pattern pattern) {
        return pattern == null ? null : pattern.pattern();
    }
}
