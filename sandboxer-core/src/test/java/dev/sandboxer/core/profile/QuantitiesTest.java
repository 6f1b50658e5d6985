package dev.sandboxer.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations, memory and cpu as profiles write them. */
class QuantitiesTest {

    @ParameterizedTest
    @CsvSource({"500ms,500", "30s,30000", "10m,600000", "2h,7200000", "1h30m,5400000", "1d,86400000",
            "1d2h3m4s5ms,93784005"})
    void durationsAreRead(String text, long millis) {
        assertThat(Durations.parse(text)).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "10 minutes", "10M", "0s", "30s1m", "1h1h", "-5s", "1.5h", "h", "5 s", "1w",
            "99999999999999d"})
    void badDurationsAreRefused(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }

    @Property
    void durationsRoundTrip(@ForAll @LongRange(min = 1, max = 10_000_000_000L) long millis) {
        Duration duration = Duration.ofMillis(millis);
        assertThat(Durations.parse(Durations.format(duration))).contains(duration);
    }

    @ParameterizedTest
    @CsvSource({"256Mi,268435456", "1Gi,1073741824", "1.5Gi,1610612736", "64Ki,65536", "512M,512000000",
            "1k,1000", "2T,2000000000000", "1048576,1048576"})
    void memoryIsRead(String text, long bytes) {
        assertThat(Quantities.parseMemory(text)).hasValue(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "0Mi", "12 GB", "1GB", "1gi", "-1Mi", "0.3", "1.0000000001Ki", "Mi",
            "99999999999999Ti"})
    void badMemoryIsRefused(String text) {
        assertThat(Quantities.parseMemory(text)).isEmpty();
    }

    @Property
    void memoryRoundTrips(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE / 2) long bytes) {
        assertThat(Quantities.parseMemory(Quantities.formatMemory(bytes))).hasValue(bytes);
    }

    @ParameterizedTest
    @CsvSource({"0.5,500", "1,1000", "2,2000", "500m,500", "0.001,1", "1.25,1250"})
    void cpuIsRead(String text, long millis) {
        assertThat(Quantities.parseCpu(text)).hasValue(millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "0m", "0.0001", "1.5m", "lots", "-1", "1 cpu"})
    void badCpuIsRefused(String text) {
        assertThat(Quantities.parseCpu(text)).isEmpty();
    }

    @Property
    void cpuRoundTrips(@ForAll @LongRange(min = 1, max = 999_999_999L) long millis) {
        assertThat(Quantities.parseCpu(Quantities.formatCpu(millis))).hasValue(millis);
    }
}
