package dev.sandboxer.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandboxer.core.ControlPlane;
import dev.sandboxer.core.config.SandboxerHome;
import dev.sandboxer.core.engine.CreateRequest;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.server.SandboxerServer;
import dev.sandboxer.server.ServerSettings;
import dev.sandboxer.spi.Progress;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The server process of figure 8, in a JVM of its own: opens a ControlPlane (store, every extension on the
 * classpath, the profile catalog) and starts the real {@link SandboxerServer} on a loopback port, as
 * {@code sandboxer serve} does; reports its memory idle, creates N live sandboxes with the reference extension
 * through its engine (HTTP would take minutes for 10,000 here, and the server keeps no per-sandbox state of its
 * own), and reports again. Before each point it answers {@code /metrics} (which counts every live sandbox) and
 * a list over real HTTP. Prints one {@code MEMORY {json}} line per point.
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
            SandboxerServer server = SandboxerServer.start(plane,
                    ServerSettings.defaults().withPort(0).withLog(line -> { }));
            String token = plane.tokens().create(Consumer.parse("adm:memory"), Set.of()).secret();
            HttpClient http = HttpClient.newHttpClient();
            exercise(http, server, token);
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
            exercise(http, server, token);
            report("live", count);
            server.stop();
        }
    }

    /** What a monitored server does between points: a Prometheus scrape and a consumer's list. */
    private static void exercise(HttpClient http, SandboxerServer server, String token) throws Exception {
        for (String path : List.of("/metrics", "/v1/sandboxes?limit=50")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(server.uri().resolve(path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + answer.statusCode() + ": " + answer.body());
            }
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
