package dev.sandboxer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import dev.sandboxer.spi.transport.Transport;
import dev.sandboxer.spi.transport.TransportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {
    private static final String GOOD_INFO = """
            {"host": {"ociRuntime": {"name": "runc"}, "cgroupManager": "cgroupfs"}, "version": {"Version": "4.3.1"}}
            """;
    private static final String GOOD_CONF = """
            [engine]
            runtime = "runc"
            cgroup_manager = "cgroupfs"
            [containers]
            default_ulimits = [
              "nofile=1024:1024",  # the host forbids raising these
              "nproc=1024:1024",
            ]
            """;

    @TempDir
    Path home;

    @TempDir
    Path etc;

    TestSandboxer cli;

    @BeforeEach
    void setUp() {
        cli = new TestSandboxer(home);
    }

    @AfterEach
    void tearDown() {
        cli.close();
    }

    /** A host where only the named programs exist and podman answers as {@code podman} says. */
    record SimulatedHost(Set<String> programs, Function<List<String>, CommandResult> podman) implements Transport {
        @Override
        public String location() {
            return "simulated";
        }

        @Override
        public CommandResult run(Command command) {
            if (!programs.contains(command.argv().getFirst())) {
                throw new TransportException(command.argv().getFirst() + ": not found", null);
            }
            return podman.apply(command.argv());
        }

        @Override
        public boolean hasProgram(String name) {
            return programs.contains(name);
        }

        @Override
        public void makeDirectory(String path, int mode) {
        }

        @Override
        public void writeFile(String path, byte[] content, int mode) {
        }

        @Override
        public void deleteTree(String path) {
        }

        @Override
        public List<String> list(String path) {
            return List.of();
        }
    }

    private static CommandResult answer(List<String> argv, String info, boolean imagePresent) {
        if (argv.contains("info")) {
            return new CommandResult(0, info, "", false);
        }
        return new CommandResult(imagePresent ? 0 : 1, "", "", false);
    }

    private Path conf(String text) throws IOException {
        return Files.writeString(etc.resolve("containers.conf"), text);
    }

    @Test
    void podmanMissingFromPathFailsWithAnInstallHint() {
        // The real transport, resolving programs on the PATH the CLI was given: podman cannot be found there.
        cli.env("PATH", "/nonexistent");
        CliRun run = cli.run("doctor");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        assertThat(run.outLines()).contains("FAIL  podman on PATH: podman is not on PATH",
                "      fix: install it: apt-get install podman");
        assertThat(run.out()).contains("FAIL  podman-compose on PATH")
                .contains("OK    home " + home + " writable")
                .endsWith("some checks failed\n");
        ErrorReportingTest.assertNoStackTrace(run);
    }

    @Test
    void wellConfiguredHostPassesEveryCheck() throws IOException {
        cli.env("CONTAINERS_CONF", conf(GOOD_CONF).toString());
        Transport host = new SimulatedHost(Set.of("podman", "runc", "podman-compose"),
                argv -> answer(argv, GOOD_INFO, true));
        CliRun run = cli.run(cli.environment().withTransport(host), "doctor");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.outLines()).filteredOn(l -> l.startsWith("FAIL")).isEmpty();
        assertThat(run.out()).contains("OK    OCI runtime is runc", "OK    cgroup manager is cgroupfs",
                "OK    default ulimits nofile and nproc: nofile=1024:1024, nproc=1024:1024",
                "OK    image localhost/sandboxer/busybox:latest", "all checks passed");
    }

    @Test
    void hostSettingsThatBreakPodmanAreNamedWithTheirFix() throws IOException {
        Path file = conf("[containers]\ndefault_ulimits = [\"nofile=1024:1024\"]\n");
        cli.env("CONTAINERS_CONF", file.toString());
        String crun = GOOD_INFO.replace("\"runc\"", "\"crun\"").replace("cgroupfs", "systemd");
        Transport host = new SimulatedHost(Set.of("podman", "runc", "podman-compose"), argv -> answer(argv, crun, false));
        CliRun run = cli.run(cli.environment().withTransport(host), "doctor");
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.outLines()).contains(
                "FAIL  OCI runtime is runc: it is 'crun'",
                "      fix: set runtime = \"runc\" under [engine] in " + file,
                "FAIL  cgroup manager is cgroupfs: it is 'systemd'",
                "FAIL  image localhost/sandboxer/busybox:latest: missing",
                "      fix: ./setup.sh builds it");
        assertThat(run.out()).contains("FAIL  default ulimits nofile and nproc: only nofile=1024:1024");
    }

    @Test
    void jsonReportHasEveryCheck() throws Exception {
        cli.env("PATH", "/nonexistent");
        var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(cli.run("doctor", "-o", "json").out());
        assertThat(report.get("ok").asBoolean()).isFalse();
        assertThat(report.get("checks").findValuesAsText("name")).contains("podman on PATH", "runc on PATH");
    }

    @Test
    void ulimitsAreReadOnlyFromTheContainersTable() {
        assertThat(ContainersConf.defaultUlimits(GOOD_CONF)).contains(List.of("nofile=1024:1024", "nproc=1024:1024"));
        assertThat(ContainersConf.defaultUlimits("[engine]\ndefault_ulimits = [\"nofile=1:1\"]\n")).isEmpty();
        assertThat(ContainersConf.defaultUlimits("# default_ulimits = []\n[containers]\n")).isEmpty();
        assertThat(ContainersConf.file(Map.of())).isEqualTo("/etc/containers/containers.conf");
    }
}
