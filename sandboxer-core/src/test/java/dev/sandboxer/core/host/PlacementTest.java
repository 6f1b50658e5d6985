package dev.sandboxer.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxer.core.model.Host;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlacementTest {
    static final String PRINT = "SHA256:" + "A".repeat(43);
    static final Host.Capacity ONE = new Host.Capacity(500, 512, 1);

    static Host host(String name, long cpu, long memory, int max, Map<String, String> labels) {
        return new Host(name, "127.0.0.1", 22, "root", "/k", PRINT, "/var/lib/sandboxer", new Host.Capacity(cpu, memory, max), labels,
                Host.State.ACTIVE, Instant.EPOCH);
    }

    static Placement.Candidate idle(Host host) {
        return new Placement.Candidate(host, new Host.Capacity(0, 0, 0), false);
    }

    @Test
    void spreadTakesTheHostLeftLeastUsed() {
        Placement.Candidate small = idle(host("small", 2000, 2048, 4, Map.of()));
        Placement.Candidate big = idle(host("big", 8000, 16384, 16, Map.of()));
        Placement.Decision d = Placement.choose(List.of(small, big), ONE, Map.of(), Optional.empty(),
                Placement.Strategy.SPREAD);
        assertThat(d.host()).isEqualTo("big");
        assertThat(d.reason()).startsWith("spread: big had 8000m cpu, 16384 MiB, 16 sandboxes free");
    }

    @Test
    void packFillsTheFullerHostFirst() {
        Placement.Candidate half = new Placement.Candidate(host("half", 4000, 4096, 8, Map.of()),
                new Host.Capacity(2000, 2048, 4), false);
        Placement.Candidate empty = idle(host("empty", 4000, 4096, 8, Map.of()));
        assertThat(Placement.choose(List.of(empty, half), ONE, Map.of(), Optional.empty(), Placement.Strategy.PACK)
                .host()).isEqualTo("half");
        assertThat(Placement.choose(List.of(empty, half), ONE, Map.of(), Optional.empty(), Placement.Strategy.SPREAD)
                .host()).isEqualTo("empty");
    }

    @Test
    void capacityIsWhatIsDeclaredMinusWhatLiveSandboxesReserve() {
        Placement.Candidate full = new Placement.Candidate(host("full", 1000, 1024, 2, Map.of()),
                new Host.Capacity(800, 100, 1), false);
        Placement.Candidate other = idle(host("other", 1000, 1024, 2, Map.of()));
        Placement.Decision d = Placement.choose(List.of(full, other), ONE, Map.of(), Optional.empty(),
                Placement.Strategy.PACK);
        assertThat(d.host()).isEqualTo("other");
        assertThat(d.reason()).contains("not full (full: 200m cpu, 924 MiB, 1 sandboxes free)");
    }

    @Test
    void drainingStaleAndUnlabelledHostsAreSkippedWithTheirReasons() {
        Placement.Candidate draining = new Placement.Candidate(host("a", 4000, 4096, 8, Map.of("zone", "x"))
                .withState(Host.State.DRAINING), new Host.Capacity(0, 0, 0), false);
        Placement.Candidate stale = new Placement.Candidate(host("b", 4000, 4096, 8, Map.of("zone", "x")),
                new Host.Capacity(0, 0, 0), true);
        Placement.Candidate elsewhere = idle(host("c", 4000, 4096, 8, Map.of("zone", "y")));
        assertThatThrownBy(() -> Placement.choose(List.of(draining, stale, elsewhere), ONE, Map.of("zone", "x"),
                Optional.empty(), Placement.Strategy.SPREAD))
                .isInstanceOf(Placement.NoHost.class)
                .hasMessageContaining("a (draining)").hasMessageContaining("b (stale")
                .hasMessageContaining("c (lacks label zone=x)");
        Placement.Candidate good = idle(host("d", 4000, 4096, 8, Map.of("zone", "x")));
        assertThat(Placement.choose(List.of(draining, stale, elsewhere, good), ONE, Map.of("zone", "x"),
                Optional.empty(), Placement.Strategy.SPREAD).host()).isEqualTo("d");
    }

    @Test
    void aPinnedHostIsTakenOrRefusedNeverSwapped() {
        Placement.Candidate big = idle(host("big", 8000, 16384, 16, Map.of()));
        Placement.Candidate tiny = idle(host("tiny", 100, 100, 1, Map.of()));
        assertThat(Placement.choose(List.of(big, tiny), new Host.Capacity(50, 50, 1), Map.of(), Optional.of("tiny"),
                Placement.Strategy.SPREAD).reason()).startsWith("pinned; tiny");
        assertThatThrownBy(() -> Placement.choose(List.of(big, tiny), ONE, Map.of(), Optional.of("tiny"),
                Placement.Strategy.SPREAD)).hasMessageContaining("tiny (full");
        assertThatThrownBy(() -> Placement.choose(List.of(big), ONE, Map.of(), Optional.of("nope"),
                Placement.Strategy.SPREAD)).hasMessage("host nope is not registered");
    }
}
