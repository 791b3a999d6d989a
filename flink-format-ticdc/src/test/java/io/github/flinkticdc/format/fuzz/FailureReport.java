package io.github.flinkticdc.format.fuzz;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects the failures of one fuzz run grouped by kind, keeping the first reproducer of each (up
 * to a limit of kinds), so that one run shows every kind of failure and the test fails once at the
 * end with a readable report. Thread-safe.
 */
final class FailureReport {

    private static final class Entry {
        final String kind;
        final Mutant mutant;
        final String detail;
        long count = 1;

        Entry(String kind, Mutant mutant, String detail) {
            this.kind = kind;
            this.mutant = mutant;
            this.detail = detail;
        }
    }

    private final String title;
    private final FuzzSettings settings;
    private final String testClass;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private long dropped;
    private long total;

    FailureReport(String title, FuzzSettings settings, String testClass) {
        this.title = title;
        this.settings = settings;
        this.testClass = testClass;
    }

    synchronized void add(String kind, Mutant mutant, String detail) {
        total++;
        Entry e = entries.get(kind);
        if (e != null) {
            e.count++;
        } else if (entries.size() < settings.maxFailures || kind.startsWith("hang")) {
            entries.put(kind, new Entry(kind, mutant, detail));
        } else {
            dropped++;
        }
    }

    /** An unexpected throwable: kind = its class and the first frame in the project's code. */
    void addThrowable(String what, Mutant mutant, Throwable t) {
        add(what + ": " + t.getClass().getName() + " at " + projectFrame(t), mutant, render(t));
    }

    synchronized boolean isEmpty() {
        return entries.isEmpty() && dropped == 0;
    }

    synchronized long total() {
        return total;
    }

    synchronized String render() {
        StringBuilder s = new StringBuilder();
        s.append(title)
                .append(": ")
                .append(total)
                .append(" failing mutants of ")
                .append(entries.size() + (dropped > 0 ? "+" : ""))
                .append(" kinds (seed ")
                .append(settings.seed)
                .append(")\n");
        int i = 1;
        for (Entry e : entries.values()) {
            s.append("\n")
                    .append(i++)
                    .append(". ")
                    .append(e.kind)
                    .append("  [x")
                    .append(e.count)
                    .append("]\n   ")
                    .append(e.mutant == null ? "(no mutant)" : e.mutant.describe())
                    .append("\n   ")
                    .append(e.detail.replace("\n", "\n   "))
                    .append('\n');
            if (e.mutant != null) {
                s.append("   ")
                        .append(settings.reproduceHint(testClass, e.mutant.index))
                        .append('\n');
            }
        }
        if (dropped > 0) {
            s.append("\n(").append(dropped).append(" more failures of further kinds not kept)\n");
        }
        return s.toString();
    }

    static String projectFrame(Throwable t) {
        for (StackTraceElement f : t.getStackTrace()) {
            if (f.getClassName().startsWith("io.github.flinkticdc.format.")
                    && !f.getClassName().startsWith("io.github.flinkticdc.format.fuzz.")
                    && !f.getClassName().startsWith("io.github.flinkticdc.format.testutil.")) {
                return f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1)
                        + "."
                        + f.getMethodName();
            }
        }
        StackTraceElement[] st = t.getStackTrace();
        return st.length == 0 ? "?" : st[0].getClassName() + "." + st[0].getMethodName();
    }

    static String render(Throwable t) {
        StringBuilder s = new StringBuilder();
        s.append(t.getClass().getName()).append(": ").append(cut(String.valueOf(t.getMessage())));
        StackTraceElement[] st = t.getStackTrace();
        for (int i = 0; i < Math.min(8, st.length); i++) {
            s.append("\n  at ").append(st[i]);
        }
        if (t.getCause() != null && t.getCause() != t) {
            s.append("\ncaused by ")
                    .append(t.getCause().getClass().getName())
                    .append(": ")
                    .append(cut(String.valueOf(t.getCause().getMessage())));
        }
        return s.toString();
    }

    static String cut(String s) {
        return s.length() <= 600 ? s : s.substring(0, 600) + "…(" + s.length() + " chars)";
    }
}
