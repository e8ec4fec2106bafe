package dev.ripple.consumer.metrics;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;

/**
 * The consumer's metrics ({@code ripple.metrics.*}).
 *
 * @param emf       write CloudWatch Embedded Metric Format documents to stdout, one per batch and sink (Terraform sets
 *                  {@code RIPPLE_METRICS_EMF=true}; the local stack leaves it off)
 * @param namespace the CloudWatch namespace
 */
@ConfigurationProperties("ripple.metrics")
public record MetricsConfig(
        @Bindable(defaultValue = "false") boolean emf,
        @Bindable(defaultValue = MetricNames.NAMESPACE) @NotBlank String namespace) {
}
