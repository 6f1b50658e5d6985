package dev.sandboxer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandboxer.transport.ssh.SshdHost;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code sandboxer hosts ...} against two real OpenSSH servers on 127.0.0.1, each posing as a host. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostsCommandsTest {
    private SshdHost one;
    private SshdHost two;

    @BeforeAll
    void start() throws Exception {
        one = SshdHost.start("cli-one");
        two = SshdHost.start("cli-two");
    }

    @AfterAll
    void stop() throws Exception {
        one.close();
        two.close();
    }

    private static String[] add(SshdHost host, String name, String... more) throws Exception {
        java.util.List<String> words = new java.util.ArrayList<>(java.util.List.of("hosts", "add", name,
                "--address", "127.0.0.1", "--port", Integer.toString(host.port()), "--key",
                SshdHost.clientKey().toString(), "--work-root", host.data().toString()));
        words.addAll(java.util.List.of(more));
        return words.toArray(String[]::new);
    }

    @ParameterizedTest
    @EnumSource(TestSandboxer.Mode.class)
    void addingAHostShowsTheOfferedKeyAndPinsOnlyWhatTheOperatorVouchesFor(TestSandboxer.Mode mode,
                                                                         @TempDir Path home) throws Exception {
        try (TestSandboxer cli = new TestSandboxer(home, mode)) {
            CliRun unvouched = cli.run(add(one, "h1"));
            assertThat(unvouched.exitCode()).isEqualTo(2);
            assertThat(unvouched.err()).contains("offers the key " + one.fingerprint(),
                    "--accept-fingerprint " + one.fingerprint());
            assertThat(cli.run("hosts", "list").out()).doesNotContain("h1");

            CliRun wrong = cli.run(add(one, "h1", "--accept-fingerprint", two.fingerprint()));
            assertThat(wrong.exitCode()).isEqualTo(2);
            assertThat(wrong.err()).contains("offers " + one.fingerprint() + ", not the accepted " + two.fingerprint());

            Path knownHosts = home.resolve("known_hosts");
            Files.writeString(knownHosts, two.knownHostsLine() + "\n");
            CliRun notListed = cli.run(add(one, "h1", "--known-hosts", knownHosts.toString()));
            assertThat(notListed.exitCode()).isEqualTo(2);
            assertThat(notListed.err()).contains("lists no key for 127.0.0.1:" + one.port());

            Files.writeString(knownHosts, one.knownHostsLine() + "\n" + two.knownHostsLine() + "\n");
            CliRun added = cli.run(add(one, "h1", "--known-hosts", knownHosts.toString(), "--cpu", "2",
                    "--memory", "2Gi", "--max-sandboxes", "3", "--label", "zone=a"));
            assertThat(added.exitCode()).as(added.toString()).isZero();
            assertThat(added.out()).contains("host key   " + one.fingerprint() + " (pinned");
            CliRun second = cli.run(add(two, "h2", "--accept-fingerprint", two.fingerprint()));
            assertThat(second.exitCode()).as(second.toString()).isZero();
            assertThat(cli.run(add(two, "h2", "--accept-fingerprint", two.fingerprint())).exitCode()).isEqualTo(4);

            CliRun listed = cli.run("hosts", "list", "--refresh");
            assertThat(listed.exitCode()).isZero();
            assertThat(listed.out()).contains("h1", "h2", "active", "2/2", "0/3").doesNotContain("never");

            CliRun inspected = cli.run("hosts", "inspect", "h1");
            assertThat(inspected.exitCode()).as(inspected.toString()).isZero();
            assertThat(inspected.out()).contains("host key   " + one.fingerprint(), "labels     {zone=a}",
                    "sand-boxer containers").containsPattern("load \\d+\\.\\d\\d, memory free \\d+/\\d+ MiB");

            assertThat(cli.run("hosts", "drain", "h1").exitCode()).isZero();
            assertThat(cli.run("hosts", "list").out()).contains("draining");
            assertThat(cli.run("hosts", "remove", "h1").exitCode()).isZero();
            assertThat(cli.run("hosts", "inspect", "h1").exitCode()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(TestSandboxer.Mode.class)
    void aHostThatIsDownIsMarkedStale(TestSandboxer.Mode mode, @TempDir Path home) throws Exception {
        try (TestSandboxer cli = new TestSandboxer(home, mode); SshdHost flaky = SshdHost.start("cli-flaky")) {
            assertThat(cli.run(add(flaky, "flaky", "--accept-fingerprint", flaky.fingerprint())).exitCode()).isZero();
            flaky.down();
            CliRun listed = cli.run("hosts", "list", "--refresh");
            assertThat(listed.out()).contains("stale");
            CliRun inspected = cli.run("hosts", "inspect", "flaky");
            assertThat(inspected.out()).contains("unreachable: cannot reach ssh://root@127.0.0.1:" + flaky.port());
            flaky.up();
            assertThat(cli.run("hosts", "list", "--refresh").out()).doesNotContain("stale");
        }
    }

    @Test
    void theTelemetryLoopReadsHostsUntilClosed(@TempDir Path home) throws Exception {
        try (TestSandboxer cli = new TestSandboxer(home)) {
            assertThat(cli.run(add(one, "h1", "--accept-fingerprint", one.fingerprint())).exitCode()).isZero();
            dev.sandboxer.core.ControlPlane plane = dev.sandboxer.core.ControlPlane.open(
                    new dev.sandboxer.core.config.SandboxerHome(home), java.util.Map.of(), java.time.Clock.systemUTC());
            try (TelemetryLoop loop = new TelemetryLoop(plane, java.time.Clock.systemUTC(),
                    java.time.Duration.ofMillis(200))) {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                        .until(() -> plane.hosts().history("h1", 10).size() >= 3);
            } finally {
                plane.close();
            }
            assertThat(cli.run("hosts", "inspect", "h1", "--history", "5").out()).contains("sand-boxer containers");
        }
    }

    @ParameterizedTest
    @EnumSource(TestSandboxer.Mode.class)
    void hostileValuesAreRefusedBeforeAnythingIsStored(TestSandboxer.Mode mode, @TempDir Path home) throws Exception {
        try (TestSandboxer cli = new TestSandboxer(home, mode)) {
            for (String[] bad : new String[][] {
                {"hosts", "add", "h;touch /tmp/x", "--address", "127.0.0.1", "--key", "/dev/null"},
                {"hosts", "add", "h1", "--address", "$(touch /tmp/x)", "--key", "/dev/null"},
                {"hosts", "add", "h1", "--address", "-oProxyCommand=touch", "--key", "/dev/null"},
            }) {
                CliRun run = cli.run(bad);
                assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
                assertThat(run.err().lines().count()).isLessThanOrEqualTo(2);
            }
            assertThat(cli.run("hosts", "list", "-o", "json").out().strip()).isEqualTo("[ ]");
        }
    }

    @ParameterizedTest
    @EnumSource(TestSandboxer.Mode.class)
    void hostsAreForOperatorsOnly(TestSandboxer.Mode mode, @TempDir Path home) throws Exception {
        try (TestSandboxer cli = new TestSandboxer(home, mode)) {
            assertThat(cli.run(add(one, "h1", "--accept-fingerprint", one.fingerprint())).exitCode()).isZero();
            for (String[] verb : new String[][] {{"hosts", "list"}, {"hosts", "inspect", "h1"},
                {"hosts", "drain", "h1"}, {"hosts", "remove", "h1"}}) {
                java.util.List<String> words = new java.util.ArrayList<>(java.util.List.of("--as", "agt:nosy"));
                words.addAll(java.util.List.of(verb));
                CliRun run = cli.run(words.toArray(String[]::new));
                assertThat(run.exitCode()).as(run.toString()).isEqualTo(FailureReport.ACCESS_DENIED);
            }
            assertThat(cli.run("hosts", "inspect", "h1").out()).contains("state      active");
        }
    }
}
