package dev.sandboxer.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandboxer.core.host.Placement;
import dev.sandboxer.core.model.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The host registry over the API, as {@code sandboxer hosts} does it embedded: the key is pinned only when the
 * body vouches for it, a host that cannot be reached is not stored, a host with sandboxes is not removed.
 * "Hosts" here are this machine behind {@link ThisMachineHosts}, so the podman check and telemetry are real.
 */
class HostRoutesTest {
    private final TestServer t = TestServer.get();

    private Map<String, Object> body(String name, String... more) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", name, "address", "127.0.0.1",
                "keyFile", t.hostKeyFile().toString(), "workRoot", t.hostWorkRoot().toString()));
        for (int i = 0; i + 1 < more.length; i += 2) {
            body.put(more[i], more[i + 1]);
        }
        return body;
    }

    private boolean registered(String name) {
        return t.plane.hosts().list().stream().anyMatch(v -> v.host().name().equals(name));
    }

    @Test
    void anAddPinsOnlyAKeyTheBodyVouchesFor() throws IOException {
        Api.Reply unvouched = t.api.post("/v1/hosts", t.admin, body("hr-unvouched"));
        assertThat(unvouched.status()).as(unvouched.body()).isEqualTo(400);
        assertThat(unvouched.json().get("code").asText()).isEqualTo("host-key-unvouched");
        assertThat(unvouched.json().get("detail").asText()).contains("offers the key " + ThisMachineHosts.KEY);

        String other = "SHA256:" + "o".repeat(43);
        Api.Reply wrong = t.api.post("/v1/hosts", t.admin, body("hr-wrong", "acceptFingerprint", other));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("detail").asText()).contains("not the accepted " + other);

        Path knownHosts = Files.writeString(t.home.resolve("hr-known"), "10.9.9.9 " + ThisMachineHosts.KEY + "\n");
        Api.Reply notListed = t.api.post("/v1/hosts", t.admin, body("hr-known", "knownHosts", knownHosts.toString()));
        assertThat(notListed.status()).isEqualTo(400);
        assertThat(notListed.json().get("detail").asText()).contains("lists no key for 127.0.0.1:22");
        assertThat(registered("hr-unvouched") || registered("hr-wrong") || registered("hr-known")).isFalse();

        Files.writeString(knownHosts, "127.0.0.1 " + ThisMachineHosts.KEY + "\n");
        Api.Reply added = t.api.post("/v1/hosts", t.admin, body("hr-known", "knownHosts", knownHosts.toString(),
                "cpu", "1500m", "memory", "2Gi"));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.header("Location")).isEqualTo("/v1/hosts/hr-known");
        assertThat(added.json().get("hostKeyFingerprint").asText()).isEqualTo(ThisMachineHosts.KEY);
        assertThat(added.json().at("/capacity/cpuMillis").asLong()).isEqualTo(1500);
        assertThat(added.json().at("/capacity/memoryMb").asLong()).isEqualTo(2048);

        Api.Reply again = t.api.post("/v1/hosts", t.admin, body("hr-known", "acceptFingerprint",
                ThisMachineHosts.KEY));
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void badBodiesAndUnreachableHostsStoreNothing() {
        Api.Reply unknown = t.api.post("/v1/hosts", t.admin, body("hr-bad", "colour", "red"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asText()).isEqualTo("unknown-field");
        Api.Reply missing = t.api.post("/v1/hosts", t.admin, Map.of("name", "hr-bad"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asText()).isEqualTo("address");
        Api.Reply hostile = t.api.post("/v1/hosts", t.admin, body("hr-bad", "address", "-oProxyCommand=touch",
                "acceptFingerprint", ThisMachineHosts.KEY));
        assertThat(hostile.status()).isEqualTo(400);
        Api.Reply badCpu = t.api.post("/v1/hosts", t.admin, body("hr-bad", "cpu", "lots"));
        assertThat(badCpu.status()).isEqualTo(400);
        Api.Reply down = t.api.post("/v1/hosts", t.admin, body("hr-bad", "address", ThisMachineHosts.UNREACHABLE,
                "acceptFingerprint", ThisMachineHosts.KEY));
        assertThat(down.status()).as(down.body()).isEqualTo(503);
        assertThat(down.header("Content-Type")).startsWith(Problem.MEDIA_TYPE);
        assertThat(registered("hr-bad")).isFalse();
    }

    @Test
    void inspectReadsTelemetryNowAndAHostThatIsDownIsStale() {
        String name = AccessMatrixTest.registeredHost();
        Api.Reply inspected = t.api.get("/v1/hosts/" + name + "?history=3", t.admin);
        assertThat(inspected.status()).as(inspected.body()).isEqualTo(200);
        assertThat(inspected.json().get("stale").asBoolean()).isFalse();
        assertThat(inspected.json().at("/latest/reachable").asBoolean()).isTrue();
        assertThat(inspected.json().at("/latest/memoryTotalMb").asLong()).isPositive();
        assertThat(inspected.json().get("history")).hasSize(1);

        t.plane.hosts().add(new Host("hr-down", ThisMachineHosts.UNREACHABLE, 22, "root",
                t.hostKeyFile().toString(), ThisMachineHosts.KEY, t.hostWorkRoot().toString(),
                new Host.Capacity(1000, 512, 1), Map.of(), Host.State.ACTIVE, java.time.Instant.now()));
        Api.Reply listed = t.api.get("/v1/hosts?refresh=true", t.admin);
        assertThat(listed.status()).isEqualTo(200);
        var down = java.util.stream.StreamSupport.stream(listed.json().spliterator(), false)
                .filter(v -> v.at("/host/name").asText().equals("hr-down")).findFirst().orElseThrow();
        assertThat(down.get("stale").asBoolean()).isTrue();
        assertThat(down.at("/latest/error").asText()).contains("cannot reach " + ThisMachineHosts.UNREACHABLE);
        assertThat(t.api.get("/v1/hosts/hr-nowhere", t.admin).status()).isEqualTo(404);
        t.plane.hosts().remove("hr-down");
    }

    @Test
    void drainActivateAndRemoveWhichIsRefusedWhileSandboxesLiveThere() {
        String name = AccessMatrixTest.registeredHost();
        assertThat(t.api.post("/v1/hosts/" + name + "/drain", t.admin, null).json().get("state").asText())
                .isEqualTo("draining");
        assertThat(t.plane.hosts().inspect(name).host().state()).isEqualTo(Host.State.DRAINING);
        assertThat(t.api.post("/v1/hosts/" + name + "/activate", t.admin, null).json().get("state").asText())
                .isEqualTo("active");

        t.plane.hosts().place("sb-hr-live", new Host.Capacity(100, 64, 1), Map.of(), Optional.of(name),
                Placement.Strategy.SPREAD);
        Api.Reply refused = t.api.delete("/v1/hosts/" + name, t.admin);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asText()).isEqualTo("host-in-use");
        assertThat(refused.json().get("detail").asText()).contains("sb-hr-live");
        assertThat(registered(name)).isTrue();

        t.plane.hosts().release("sb-hr-live");
        assertThat(t.api.delete("/v1/hosts/" + name, t.admin).status()).isEqualTo(204);
        assertThat(registered(name)).isFalse();
        assertThat(t.api.delete("/v1/hosts/" + name, t.admin).status()).isEqualTo(404);
    }
}
