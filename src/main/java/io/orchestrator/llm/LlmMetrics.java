package io.orchestrator.llm;

import io.orchestrator.platform.SchemaReady;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.DoubleAdder;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Tokens and cost of the models' answers by model, and the response cache's hits and misses, for
 * /metrics. Answers served from the cache cost nothing and are not counted as tokens.
 */
@ApplicationScoped
public class LlmMetrics {

    private static final Metadata TOKENS = Metadata.builder()
            .withName("orchestrator_llm_tokens")
            .withDescription("Tokens of the models' answers since this server started, by model and kind"
                    + " (prompt or completion)")
            .build();
    /** A gauge, not a counter: MicroProfile counters count whole numbers, and a cost has cents. */
    private static final Metadata COST = Metadata.builder()
            .withName("orchestrator_llm_cost_usd")
            .withDescription("Cost in US dollars of the models' answers since this server started, by model"
                    + " (from the connections' prices)")
            .build();

    @Inject
    MetricRegistry registry;

    @Inject
    DatabaseResponseCache cache;

    private final ConcurrentMap<String, ModelCounts> byModel = new ConcurrentHashMap<>();

    private record ModelCounts(Counter prompt, Counter completion, DoubleAdder cost) {}

    void register(@Observes SchemaReady ready) {
        registry.gauge(
                Metadata.builder()
                        .withName("orchestrator_llm_cache_hits")
                        .withDescription("Answers served from the response cache since this server started")
                        .build(),
                cache::hitCount);
        registry.gauge(
                Metadata.builder()
                        .withName("orchestrator_llm_cache_misses")
                        .withDescription("Cache lookups that found no answer since this server started")
                        .build(),
                cache::missCount);
    }

    void count(List<LlmResponse> responses) {
        for (LlmResponse response : responses) {
            if (response.cached()) {
                continue;
            }
            String model = response.model() == null ? "unknown" : response.model();
            ModelCounts counts = byModel.computeIfAbsent(model, this::countsOf);
            add(counts.prompt(), response.promptTokens());
            add(counts.completion(), response.completionTokens());
            if (response.costUsd() != null) {
                counts.cost().add(response.costUsd().doubleValue());
            }
        }
    }

    private static void add(Counter counter, long tokens) {
        if (tokens > 0) {
            counter.inc(tokens);
        }
    }

    private ModelCounts countsOf(String model) {
        Tag tag = new Tag("model", model);
        DoubleAdder cost = new DoubleAdder();
        registry.gauge(COST, cost, DoubleAdder::sum, tag);
        return new ModelCounts(
                registry.counter(TOKENS, tag, new Tag("kind", "prompt")),
                registry.counter(TOKENS, tag, new Tag("kind", "completion")),
                cost);
    }
}
