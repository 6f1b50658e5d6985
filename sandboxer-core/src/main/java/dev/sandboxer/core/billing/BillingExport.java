package dev.sandboxer.core.billing;

import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxEvent;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.core.store.Books;
import dev.sandboxer.core.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One line per sandbox per period: what it was, where it ran, how long it spent in each state inside the
 * period, and the amount charged to the ledger inside the period. The amounts are read from the ledger, so
 * the export's total is the ledger's charges for the period to the minor unit.
 */
public final class BillingExport {
    /** Stable column names: renaming one is a breaking change for whoever imports the file. */
    public static final List<String> COLUMNS = List.of("period_start", "period_end", "project", "sandbox_id",
            "profile", "extension", "host", "cpu_millis", "memory_bytes", "seconds_provisioning", "seconds_ready",
            "seconds_paused", "seconds_destroying", "sheet_version", "own_key", "amount_minor", "currency");

    /** One line. */
    public record Line(Instant periodStart, Instant periodEnd, String project, String sandboxId, String profile,
                       String extension, String host, long cpuMillis, long memoryBytes, long secondsProvisioning,
                       long secondsReady, long secondsPaused, long secondsDestroying, String sheetVersion,
                       boolean ownKey, long amountMinor, String currency) {
        List<String> cells() {
            return List.of(periodStart.toString(), periodEnd.toString(), project, sandboxId, profile, extension, host,
                    Long.toString(cpuMillis), Long.toString(memoryBytes), Long.toString(secondsProvisioning),
                    Long.toString(secondsReady), Long.toString(secondsPaused), Long.toString(secondsDestroying),
                    sheetVersion, Boolean.toString(ownKey), Long.toString(amountMinor), currency);
        }
    }

    /** The lines and their total, which equals the ledger's charges (net of refunds) in the period. */
    public record Report(String project, Instant from, Instant to, List<Line> lines, long totalMinor,
                         String currency) {
    }

    private final Store store;

    public BillingExport(Store store) {
        this.store = store;
    }

    public Report report(String project, Instant from, Instant to) {
        Ledger.requireProject(project);
        return store.read(s -> {
            Map<String, Long> amounts = s.books().entries(project, from, to).stream()
                    .filter(e -> e.account().equals(Ledger.SPENT) && e.sandboxId().isPresent())
                    .collect(Collectors.groupingBy(e -> e.sandboxId().get(),
                            Collectors.summingLong(Books.Entry::amount)));
            List<Line> lines = new ArrayList<>();
            for (Books.Meter m : s.books().meters(project)) {
                boolean ranInPeriod = m.closedAt().map(closed -> !closed.isBefore(from)).orElse(true);
                if (!ranInPeriod && !amounts.containsKey(m.sandboxId())) {
                    continue;   // ended before the period and nothing was posted for it in the period
                }
                Optional<Sandbox> sandbox = s.findSandbox(m.sandboxId());
                if (sandbox.isEmpty()) {
                    continue;
                }
                List<SandboxEvent> events = s.events(Optional.of(m.sandboxId()), 0, 10_000);
                Instant end = m.closedAt().isPresent() && m.closedAt().get().isBefore(to) ? m.closedAt().get() : to;
                Map<String, Long> until = Usage.of(events, end.isBefore(from) ? from : end).millisByState();
                Map<String, Long> before = Usage.of(events, from).millisByState();
                long amount = amounts.getOrDefault(m.sandboxId(), 0L);
                long[] seconds = new long[4];
                SandboxState[] states = {SandboxState.PROVISIONING, SandboxState.READY, SandboxState.PAUSED,
                        SandboxState.DESTROYING};
                for (int i = 0; i < states.length; i++) {
                    String id = states[i].id();
                    seconds[i] = (until.getOrDefault(id, 0L) - before.getOrDefault(id, 0L)) / 1000;
                }
                if (amount == 0 && seconds[0] + seconds[1] + seconds[2] + seconds[3] == 0) {
                    continue;
                }
                Sandbox sb = sandbox.get();
                lines.add(new Line(from, to, project, sb.id(), sb.profile().id() + "@" + sb.profile().version(),
                        m.extensionId(), sb.location().orElse(""), sb.resources().cpuMillis(),
                        sb.resources().memoryBytes(), seconds[0], seconds[1], seconds[2], seconds[3],
                        m.sheetVersion(), m.ownKey(), amount, Ledger.CURRENCY));
            }
            return new Report(project, from, to, lines, lines.stream().mapToLong(Line::amountMinor).sum(),
                    Ledger.CURRENCY);
        });
    }

    /** RFC 4180 CSV with a header row of {@link #COLUMNS}. */
    public static String csv(Report report) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (Line line : report.lines()) {
            out.append(line.cells().stream().map(BillingExport::quote).collect(Collectors.joining(","))).append("\r\n");
        }
        return out.toString();
    }

    private static String quote(String cell) {
        return cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")
                ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
