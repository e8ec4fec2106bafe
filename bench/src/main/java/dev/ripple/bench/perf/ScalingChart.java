package dev.ripple.bench.perf;

import dev.ripple.bench.BadgeCostBenchmark;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.openjdk.jmh.results.RunResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * How costs grow: per-batch cost against batch size (1, 10, 100, 1,000 records; Ripple and the plain-Java baseline,
 * JMH) and the badges sink's cost per play against the player's history (10, 1,000, 10,000 plays). Draws both into
 * {@code docs/performance-scaling.png} (XChart) and writes the figures to {@code bench/results/scaling.md}.
 *
 * <pre>"$(bin/find-jdk)" -cp bench/target/ripple-bench.jar dev.ripple.bench.perf.ScalingChart</pre>
 */
public final class ScalingChart {
    private static final List<Integer> BATCH_SIZES = List.of(1, 10, 100, 1000);
    private static final int FORKS = 1;

    private ScalingChart() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Locale.setDefault(Locale.ROOT);
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Collection<RunResult> runs = PerRecordRuns.run(FORKS, BATCH_SIZES);
        List<PerRecordRuns.Cost> ripple = costs(runs, "ripple");
        List<PerRecordRuns.Cost> plain = costs(runs, "plainJava");
        double[] sizes = BATCH_SIZES.stream().mapToDouble(Integer::doubleValue).toArray();
        List<BadgeCostBenchmark.Row> badges = BadgeCostBenchmark.rows(root);
        double[] histories = badges.stream().mapToDouble(BadgeCostBenchmark.Row::history).toArray();
        double[] perPlay = badges.stream().mapToDouble(BadgeCostBenchmark.Row::meanMillis).toArray();
        double[] reread = badges.stream().mapToDouble(BadgeCostBenchmark.Row::rereadMillis).toArray();

        XYChart batches = chart("Per-batch cost against batch size", "records per batch", "µs per batch");
        batches.addSeries("Ripple", sizes, micros(ripple)).setMarker(SeriesMarkers.CIRCLE);
        batches.addSeries("plain Java", sizes, micros(plain)).setMarker(SeriesMarkers.SQUARE);
        XYChart history = chart("Badges: cost per play against history", "plays in the player's history", "ms per play");
        history.addSeries("badges sink (summary item)", histories, perPlay).setMarker(SeriesMarkers.CIRCLE);
        history.addSeries("re-reading the history instead", histories, reread).setMarker(SeriesMarkers.SQUARE);
        Path png = root.resolve("docs/performance-scaling.png");
        Files.createDirectories(png.getParent());
        BitmapEncoder.saveBitmap(List.<Chart<?, ?>>of(batches, history), 1, 2,
                png.toString().replaceAll("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);

        var table = new StringBuilder("""
                # Scaling

                Run %s by `dev.ripple.bench.perf.ScalingChart` (%s); chart: `docs/performance-scaling.png`.

                | records per batch | Ripple µs per batch | plain Java µs per batch | ratio | Ripple KB allocated | plain Java KB allocated | ratio |
                |---:|---:|---:|---:|---:|---:|---:|
                """.formatted(Instant.now(), PerRecordRuns.settings(FORKS)));
        for (int i = 0; i < sizes.length; i++) {
            PerRecordRuns.Cost ours = ripple.get(i);
            PerRecordRuns.Cost theirs = plain.get(i);
            table.append("| %d | %.1f ± %.1f | %.1f ± %.1f | %.2f | %.1f | %.1f | %.2f |%n".formatted((int) sizes[i],
                    ours.micros(), ours.error(), theirs.micros(), theirs.error(), ours.micros() / theirs.micros(),
                    ours.bytes() / 1024, theirs.bytes() / 1024, ours.bytes() / theirs.bytes()));
        }
        table.append("\n| plays in history | badges sink ms per play | re-reading the history ms |\n|---:|---:|---:|\n");
        for (BadgeCostBenchmark.Row row : badges) {
            table.append("| %,d | %.2f | %.1f |%n".formatted(row.history(), row.meanMillis(), row.rereadMillis()));
        }
        Path results = root.resolve("bench/results/scaling.md");
        Files.createDirectories(results.getParent());
        Files.writeString(results, table);
        System.out.println(table);
        System.exit(0);
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(640).height(420).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        return chart;
    }

    private static List<PerRecordRuns.Cost> costs(Collection<RunResult> runs, String method) {
        return BATCH_SIZES.stream().map(size -> PerRecordRuns.cost(runs, method, size)).toList();
    }

    private static double[] micros(List<PerRecordRuns.Cost> costs) {
        return costs.stream().mapToDouble(PerRecordRuns.Cost::micros).toArray();
    }
}
