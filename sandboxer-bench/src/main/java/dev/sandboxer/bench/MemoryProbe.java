package dev.sandboxer.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandboxer.core.ControlPlane;
import dev.sandboxer.core.config.SandboxerHome;
import dev.sandboxer.core.engine.CreateRequest;
import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.SandboxFilter;
import dev.sandboxer.spi.Progress;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * The long-lived process of figure 8, in a JVM of its own: opens a ControlPlane (store, every extension on the
 * classpath, the profile catalog) as a server would, reports its memory idle, creates N live sandboxes with
 * the reference extension, and reports again. Prints one {@code MEMORY {json}} line per point.
 */
public final class MemoryProbe {
    private static final int CLIENTS = 4;
    private static final Pattern NMT_LINE = Pattern.compile("^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");

    private MemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        BenchProfiles.writeAll(home.resolve("profiles"));
        try (ControlPlane plane = ControlPlane.open(new SandboxerHome(home), Map.of(), Clock.systemUTC())) {
            SandboxFilter all = new SandboxFilter(Set.of(), Optional.empty(), Set.of(), Optional.empty(), Map.of());
            plane.engine().list(all, Scope.ALL, Optional.empty(), 50);
            report("idle", 0);
            Consumer consumer = Consumer.parse("agt:memory");
            // Four clients at once, as a server would see them (and four times faster than one at a time here).
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> creates = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                creates.add(clients.submit(() -> plane.engine().create(new CreateRequest(BenchProfiles.MEMORY, Map.of(),
                        "project-" + (n % 10), consumer, Optional.empty(), Map.of("n", Integer.toString(n)),
                        Optional.empty()), Progress.NONE)));
            }
            for (Future<?> f : creates) {
                f.get();
            }
            clients.shutdown();
            creates.clear();
            report("live", count);
        }
    }

    /** Memory as it stands after 2 s of quiet, then after a full GC: a server does not call System.gc(). */
    private static void report(String point, int live) throws Exception {
        Thread.sleep(2000);
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("point", point);
        node.put("live_sandboxes", live);
        node.set("as_is", snapshot());
        System.gc();
        Thread.sleep(1000);
        node.set("after_full_gc", snapshot());
        nmt().ifPresent(n -> node.set("nmt_committed_mib", n));
        System.out.println("MEMORY " + node);
        System.out.flush();
    }

    private static ObjectNode snapshot() throws IOException {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            for (String key : new String[] {"VmRSS", "VmHWM", "RssAnon", "RssFile"}) {
                if (line.startsWith(key + ":")) {
                    node.put(key + "_mib", mib(Long.parseLong(line.replaceAll("\\D", "")) * 1024));
                }
            }
        }
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        node.put("heap_used_mib", mib(heap.getUsed()));
        node.put("heap_committed_mib", mib(heap.getCommitted()));
        node.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
        return node;
    }

    /** Native memory tracking by category, when the JVM runs with -XX:NativeMemoryTracking=summary. */
    private static Optional<ObjectNode> nmt() {
        try {
            String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            for (String line : text.split("\n")) {
                Matcher m = NMT_LINE.matcher(line.strip());
                if (m.find()) {
                    node.put(m.group(1), mib(Long.parseLong(m.group(3)) * 1024));
                }
            }
            return node.isEmpty() ? Optional.empty() : Optional.of(node);
        } catch (Exception | Error e) {
            return Optional.empty();
        }
    }

    private static double mib(long bytes) {
        return Samples.round(bytes / 1048576.0);
    }
}
