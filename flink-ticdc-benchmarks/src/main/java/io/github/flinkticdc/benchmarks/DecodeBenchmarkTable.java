package io.github.flinkticdc.benchmarks;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs {@link DecodeBenchmark} for every case and every decoder measured on it, with JMH's GC
 * profiler, and prints one Markdown table of the results ({@link ResultTable}).
 *
 * <p>Arguments are JMH's command line ({@code -f 1 -wi 3 -w 2s -i 5 -r 2s}, ...); {@code -p
 * decodeCase=WIDE,NARROW} and {@code -p decoder=TICDC_CANAL,FLINK_CANAL_JSON} choose some of them.
 * With the system property {@code decode.table.file} the table is written there too.
 *
 * <p>JMH runs once per case, because a JMH run measures every combination of its parameters and not
 * every decoder is measured on every case; the table is printed when all have run.
 */
public final class DecodeBenchmarkTable {

    private static final String ALLOCATION = "gc.alloc.rate.norm";

    private DecodeBenchmarkTable() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        if (cli.shouldHelp()) {
            cli.showHelp();
            return;
        }
        List<Decoder> decoders = chosen(cli, "decoder", Decoder.values(), Decoder::valueOf);
        List<Measurement> measurements = new ArrayList<>();
        for (DecodeCase decodeCase :
                chosen(cli, "decodeCase", DecodeCase.values(), DecodeCase::valueOf)) {
            measurements.addAll(run(cli, decodeCase, decoders));
        }
        String table =
                String.format(
                        "%n%s%nOne message is one change event (an Open Protocol record holds"
                                + " up to 16); MB/s are 10^6 bytes of what the decoder reads; ±"
                                + " is JMH's 99.9%% error.%n",
                        new ResultTable(measurements).markdown());
        System.out.print(table);
        String file = System.getProperty("decode.table.file");
        if (file != null) {
            Files.writeString(Path.of(file), table, StandardCharsets.UTF_8);
        }
    }

    private static List<Measurement> run(
            CommandLineOptions cli, DecodeCase decodeCase, List<Decoder> decoders)
            throws Exception {
        List<Measurement> measurements = new ArrayList<>();
        List<String> measured = new ArrayList<>();
        for (Decoder decoder : decoders) {
            String because = decoder.notMeasuredBecause(decodeCase);
            if (because == null) {
                measured.add(decoder.name());
            } else {
                measurements.add(Measurement.notMeasured(decodeCase, decoder, because));
            }
        }
        if (measured.isEmpty()) {
            return measurements;
        }
        Options options =
                new OptionsBuilder()
                        .parent(cli)
                        .include(Pattern.quote(DecodeBenchmark.class.getName() + ".decode"))
                        .param("decodeCase", decodeCase.name())
                        .param("decoder", measured.toArray(new String[0]))
                        .addProfiler(GCProfiler.class)
                        .build();
        Collection<RunResult> results = new Runner(options).run();
        Workload workload = decodeCase.workload();
        for (RunResult result : results) {
            Decoder decoder = Decoder.valueOf(result.getParams().getParam("decoder"));
            Result allocation = result.getSecondaryResults().get(ALLOCATION);
            measurements.add(
                    Measurement.measured(
                            decodeCase,
                            decoder,
                            result.getPrimaryResult().getScore(),
                            result.getPrimaryResult().getScoreError(),
                            (double) decoder.inputBytes(workload) / Workload.EVENTS,
                            // One operation is one event (@OperationsPerInvocation).
                            allocation == null ? Double.NaN : allocation.getScore()));
        }
        measurements.sort((a, b) -> a.decoder.compareTo(b.decoder));
        return measurements;
    }

    /** The values of {@code -p name=...} in their declared order, or all of them. */
    private static <T> List<T> chosen(
            CommandLineOptions cli, String name, T[] all, Function<String, T> byName) {
        if (!cli.getParameter(name).hasValue()) {
            return Arrays.asList(all);
        }
        Collection<String> names = cli.getParameter(name).get();
        List<T> chosen = names.stream().map(byName).collect(Collectors.toList());
        return Arrays.stream(all).filter(chosen::contains).collect(Collectors.toList());
    }
}
