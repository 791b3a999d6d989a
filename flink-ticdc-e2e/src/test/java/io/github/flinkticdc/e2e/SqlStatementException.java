package io.github.flinkticdc.e2e;

/** A SQL statement the gateway refused or could not run; the message has the gateway's error. */
final class SqlStatementException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SqlStatementException(String statement, String error) {
        super("Statement failed: " + statement + "\n" + error);
    }
}
