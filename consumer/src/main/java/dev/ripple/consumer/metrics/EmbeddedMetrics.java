package dev.ripple.consumer.metrics;

import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Publishes a batch's figures as CloudWatch Embedded Metric Format documents: one for the batch (dimension
 * {@code Stage}) and one per sink (dimensions {@code Stage}, {@code Sink}), each one raw JSON line on stdout, which
 * CloudWatch Logs turns into metrics (a logger's prefix would hide them). Delivery lags go as arrays of values, so
 * CloudWatch keeps their percentiles; past 100 values (EMF's limit per metric) the rest follow in further documents.
 *
 * <p>Written here rather than with aws-embedded-metrics or powertools-metrics: the documents are a few maps, and both
 * libraries add start-up work (environment detection, their own serializers) to every cold start for no more than
 * that (docs/performance.md measures this writer's cost).
 */
@Singleton
public class EmbeddedMetrics {
    static final int MAX_VALUES_PER_METRIC = 100;
    private static final String COUNT = "Count";
    private static final String MILLISECONDS = "Milliseconds";

    private final MetricsConfig config;
    private final String stage;
    private final JsonMapper json;
    private final ReportedSinkMetrics reported;
    private final Consumer<String> out;

    EmbeddedMetrics(MetricsConfig config, @Property(name = "ripple.stage", defaultValue = "local") String stage,
                    JsonMapper json, ReportedSinkMetrics reported, @Named("emf-out") Consumer<String> out) {
        this.config = config;
        this.stage = stage;
        this.json = json;
        this.reported = reported;
        this.out = out;
    }

    /** Writes the batch's documents (when {@code ripple.metrics.emf} is on); what sinks reported is taken either way. */
    public void publish(BatchFigures batch) {
        Map<String, Map<ReportedSinkMetrics.Key, Double>> fromSinks = reported.drain();
        if (!config.emf()) {
            return;
        }
        for (Map<String, Object> document : documents(batch, fromSinks)) {
            try {
                out.accept(json.writeValueAsString(document));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    List<Map<String, Object>> documents(BatchFigures batch, Map<String, Map<ReportedSinkMetrics.Key, Double>> fromSinks) {
        var documents = new ArrayList<Map<String, Object>>();
        var perBatch = new LinkedHashMap<String, Object>();
        perBatch.put(MetricNames.RECORDS, batch.records());
        perBatch.put(MetricNames.UNROUTED, batch.unrouted());
        perBatch.put(MetricNames.UNDECODABLE, batch.undecodable());
        documents.add(document(batch, List.of(MetricNames.STAGE), Map.of(MetricNames.STAGE, stage), perBatch,
                Map.of()));
        var sinks = new LinkedHashMap<String, BatchFigures.SinkFigures>(batch.bySink());
        fromSinks.keySet().forEach(sink -> sinks.putIfAbsent(sink, new BatchFigures.SinkFigures()));
        sinks.forEach((sink, figures) -> {
            var values = new LinkedHashMap<String, Object>();
            var units = new LinkedHashMap<String, String>();
            values.put(MetricNames.DELIVERED, figures.delivered());
            values.put(MetricNames.DELIVERED_EARLIER, figures.deliveredEarlier());
            values.put(MetricNames.SKIPPED, figures.skipped());
            values.put(MetricNames.RETRYABLE_FAILURES, figures.retryable());
            values.put(MetricNames.HANDED_BACK_UNTRIED, figures.untried());
            values.put(MetricNames.PERMANENT_FAILURES, figures.permanent());
            fromSinks.getOrDefault(sink, Map.of()).forEach((key, value) -> {
                values.put(key.metric(), value);
                units.put(key.metric(), key.unit().cloudWatchName());
            });
            List<Long> lags = figures.lagMillis();
            Map<String, String> dimensions = new LinkedHashMap<>();
            dimensions.put(MetricNames.STAGE, stage);
            dimensions.put(MetricNames.SINK, sink);
            List<String> names = List.of(MetricNames.STAGE, MetricNames.SINK);
            if (!lags.isEmpty()) {
                values.put(MetricNames.DELIVERY_LAG, lags.subList(0, Math.min(lags.size(), MAX_VALUES_PER_METRIC)));
                units.put(MetricNames.DELIVERY_LAG, MILLISECONDS);
            }
            documents.add(document(batch, names, dimensions, values, units));
            for (int from = MAX_VALUES_PER_METRIC; from < lags.size(); from += MAX_VALUES_PER_METRIC) {
                documents.add(document(batch, names, dimensions, Map.of(MetricNames.DELIVERY_LAG,
                                lags.subList(from, Math.min(lags.size(), from + MAX_VALUES_PER_METRIC))),
                        Map.of(MetricNames.DELIVERY_LAG, MILLISECONDS)));
            }
        });
        return documents;
    }

    /** One EMF document: the {@code _aws} directive, then the dimensions' and metrics' values as members. */
    private Map<String, Object> document(BatchFigures batch, List<String> dimensionNames,
                                         Map<String, String> dimensions, Map<String, Object> values,
                                         Map<String, String> units) {
        var metrics = new ArrayList<Map<String, Object>>();
        values.keySet().forEach(name -> {
            var definition = new LinkedHashMap<String, Object>();
            definition.put("Name", name);
            definition.put("Unit", units.getOrDefault(name, COUNT));
            metrics.add(definition);
        });
        var document = new LinkedHashMap<String, Object>();
        var directive = new LinkedHashMap<String, Object>();
        directive.put("Namespace", config.namespace());
        directive.put("Dimensions", List.of(dimensionNames));
        directive.put("Metrics", metrics);
        var aws = new LinkedHashMap<String, Object>();
        aws.put("Timestamp", batch.now().toEpochMilli());
        aws.put("CloudWatchMetrics", List.of(directive));
        document.put("_aws", aws);
        document.putAll(dimensions);
        document.putAll(values);
        return document;
    }
}
