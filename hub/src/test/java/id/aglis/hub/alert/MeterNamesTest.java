package id.aglis.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.alert.metrics.MeterSampler;
import id.aglis.hub.alert.metrics.Series;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A rule names a series as an operator sees it on {@code /metrics}: the sampler's names are the scrape's. */
class MeterNamesTest {

  @Test
  @DisplayName("every series the sampler reads is named as on /metrics (counters, gauges with units, timers, percentiles)")
  void samplerNamesAreTheScrapesNames() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Counter.builder("aglis.wa.sends").tag("device", "d1").tag("outcome", "accepted").register(registry).increment(3);
    Gauge.builder("aglis.wa.queue.oldest", new AtomicInteger(42), AtomicInteger::get).baseUnit("seconds").register(registry);
    Timer timer = Timer.builder("aglis.http.request").publishPercentiles(0.95).register(registry);
    timer.record(Duration.ofMillis(20));

    Set<String> scraped = Arrays.stream(registry.scrape().split("\n")).filter(line -> !line.startsWith("#") && !line.isBlank())
        .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toSet());
    Set<Series> sampled = new MeterSampler(registry).sample().keySet();

    assertThat(sampled).extracting(Series::name).allMatch(scraped::contains, "shown on /metrics " + scraped);
    assertThat(sampled).extracting(Series::name)
        .contains("aglis_wa_sends_total", "aglis_wa_queue_oldest_seconds", "aglis_http_request_seconds_count",
            "aglis_http_request_seconds_sum", "aglis_http_request_seconds_max", "aglis_http_request_seconds");
    assertThat(new MeterSampler(registry).sample().entrySet()).anyMatch(e -> e.getKey().name().equals("aglis_wa_sends_total")
        && "accepted".equals(e.getKey().labels().get("outcome")) && e.getValue() == 3.0);
  }
}
