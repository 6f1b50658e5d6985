package dev.sandboxer.transport.ssh;

import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import dev.sandboxer.spi.transport.Transport;
import dev.sandboxer.spi.transport.TransportException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.session.SessionHeartbeatController.HeartbeatType;

/**
 * Runs commands on one remote host over SSH: one authenticated session, reused by every command (each is
 * its own exec channel), kept alive with SSH-level heartbeats and re-opened when it drops.
 *
 * <p>What goes over the wire: the argv, each element in single quotes ({@link ShellQuote}), so the remote
 * login shell only splits words and never interprets one. Environment values (secrets among them) never go
 * on the command line or into a file: they travel on the channel's stdin ahead of the command's own input,
 * read by a fixed script that {@code eval}s only single-quoted assignments it was sent, then {@code exec}s
 * the argv. A remote {@code timeout} backs up the local one, so a command the client gave up on does not run
 * on forever on the host.
 */
public final class SshTransport implements Transport, AutoCloseable {
    /** OpenSSH allows 10 channels per connection by default (MaxSessions); stay below it. */
    static final int MAX_CHANNELS = 8;

    /**
     * Reads a length line, then exactly that many bytes of {@code export NAME='value'} lines, from stdin;
     * the rest of stdin is the command's. {@code read} consumes stdin a byte at a time and {@code head -c}
     * reads no further than asked, so nothing of the command's input is swallowed.
     */
    static final String ENV_PRELUDE = "IFS= read -r n && eval \"$(head -c \"$n\")\" && exec \"$@\"";

    private final SshTarget target;
    private final SshClient client;
    private final HostKeyPin pin;
    private final Semaphore channels = new Semaphore(MAX_CHANNELS, true);
    private ClientSession session;

    public SshTransport(SshTarget target) {
        this.target = target;
        this.pin = new HostKeyPin(target.hostKeyFingerprint());
        this.client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(pin);
        client.setSessionHeartbeat(HeartbeatType.IGNORE, target.keepAlive());
        client.start();
    }

    public SshTarget target() {
        return target;
    }

    @Override
    public String location() {
        return target.location();
    }

    @Override
    public CommandResult run(Command command) {
        String line = commandLine(command);
        byte[] input = input(command);
        try {
            if (!channels.tryAcquire(command.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                return new CommandResult(-1, "", "[sand-boxer] no free SSH channel to " + location()
                        + " within the command's timeout\n", true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while running " + command.argv().getFirst(), e);
        }
        boolean[] handedOver = {false};
        try {
            return exec(session(), line, input, command, handedOver);
        } finally {
            if (!handedOver[0]) {
                channels.release();
            }
        }
    }

    /**
     * @param handedOver set when the channel was abandoned at its timeout: its slot is then released only once
     *                   the host has closed it too (OpenSSH counts it until the remote command has ended)
     */
    private CommandResult exec(ClientSession open, String line, byte[] input, Command command,
                               boolean[] handedOver) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String program = command.argv().getFirst();
        ChannelExec channel = null;
        try {
            channel = open.createExecChannel(line);
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(target.connectTimeout());
            try (OutputStream stdin = channel.getInvertedIn()) {
                stdin.write(input);
            } catch (IOException e) {
                // The program may exit without reading its input; its exit status tells the story.
            }
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED,
                    ClientChannelEvent.EXIT_STATUS), command.timeout());
            if (!events.contains(ClientChannelEvent.EXIT_STATUS) && !events.contains(ClientChannelEvent.CLOSED)) {
                // A graceful close, not awaited: an immediate one would forget the channel without telling the
                // host, which then keeps it open for good and soon refuses new channels ("open failed").
                handedOver[0] = true;
                channel.close(false).addListener(closed -> channels.release());
                return new CommandResult(-1, text(out), text(err), true);
            }
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(5));
            Integer status = channel.getExitStatus();
            if (status == null) {
                throw new TransportException("the connection to " + location() + " was lost while running "
                        + program, null);
            }
            return new CommandResult(status, text(out), text(err), false);
        } catch (IOException e) {
            throw new TransportException("cannot run " + program + " on " + location() + ": " + reason(e), e);
        } finally {
            if (channel != null && !handedOver[0]) {
                channel.close(false);
            }
        }
    }

    /** The remote command line: quoted argv, behind the env prelude when there is env, behind a deadline. */
    static String commandLine(Command command) {
        List<String> argv = new ArrayList<>();
        if (!command.env().isEmpty()) {
            argv.addAll(List.of("sh", "-c", ENV_PRELUDE, "sh"));
        }
        // The host-side backstop: a little after the client stops waiting, the command is killed there too.
        long seconds = Math.max(1, command.timeout().toSeconds() + 5);
        argv.addAll(List.of("timeout", "-k", "5", Long.toString(seconds)));
        argv.addAll(command.argv());
        return ShellQuote.join(argv);
    }

    static byte[] input(Command command) {
        byte[] stdin = command.stdin();
        if (command.env().isEmpty()) {
            return stdin;
        }
        StringBuilder script = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(command.env()).entrySet()) {
            script.append("export ").append(ShellQuote.requireEnvName(e.getKey())).append('=')
                    .append(ShellQuote.quote(e.getValue())).append('\n');
        }
        byte[] env = script.toString().getBytes(StandardCharsets.UTF_8);
        byte[] header = (env.length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(header, header.length + env.length + stdin.length);
        System.arraycopy(env, 0, all, header.length, env.length);
        System.arraycopy(stdin, 0, all, header.length + env.length, stdin.length);
        return all;
    }

    /** The reused session, (re)connected and authenticated when it is not open. */
    private synchronized ClientSession session() {
        if (session != null && session.isOpen() && session.isAuthenticated()) {
            return session;
        }
        if (session != null) {
            session.close(true);
            session = null;
        }
        session = connect();
        return session;
    }

    private ClientSession connect() {
        Duration timeout = target.connectTimeout();
        ClientSession fresh;
        try {
            fresh = client.connect(target.user(), target.address(), target.port()).verify(timeout).getSession();
        } catch (IOException e) {
            throw new TransportException("cannot reach " + location() + ": " + reason(e), e);
        }
        try {
            for (KeyPair key : new FileKeyPairProvider(target.keyFile()).loadKeys(null)) {
                fresh.addPublicKeyIdentity(key);
            }
            fresh.auth().verify(timeout);
            return fresh;
        } catch (IOException | RuntimeException e) {
            fresh.close(true);
            String refused = pin.refusedKey();
            if (refused != null) {
                throw new TransportException("the host key of " + location() + " has changed: pinned "
                        + pin.pinned() + ", offered " + refused + "; refusing to connect (if the host was "
                        + "reinstalled, check the new key out of band, then remove and add the host again)", null);
            }
            throw new TransportException("cannot log in to " + location() + " with key " + target.keyFile()
                    + ": " + reason(e), e);
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }

    // Files: plain POSIX tools on the host, paths always as single quoted arguments of fixed scripts.

    @Override
    public void makeDirectory(String path, int mode) throws IOException {
        require(Command.of("sh", "-c", "mkdir -p -- \"$1\" && chmod \"$2\" -- \"$1\"", "sh", path, octal(mode)),
                "mkdir " + path);
    }

    /** Content on stdin into a temporary sibling created 0600 (umask 077), then chmod and rename. */
    @Override
    public void writeFile(String path, byte[] content, int mode) throws IOException {
        require(Command.of("sh", "-c", "umask 077 && d=$(dirname -- \"$1\") && mkdir -p -- \"$d\" && "
                        + "t=\"$d/.$(basename -- \"$1\").tmp\" && cat > \"$t\" && chmod \"$2\" -- \"$t\" && "
                        + "mv -f -- \"$t\" \"$1\"", "sh", path, octal(mode)).withStdin(content),
                "write " + path);
    }

    @Override
    public void deleteTree(String path) throws IOException {
        if (path.isBlank() || path.equals("/")) {
            throw new IOException("refusing to delete '" + path + "'");
        }
        require(Command.of("rm", "-rf", "--", path), "rm " + path);
    }

    /** NUL-separated, so a name with a newline in it is still one name. */
    @Override
    public List<String> list(String path) throws IOException {
        CommandResult listed = require(Command.of("sh", "-c",
                "[ -d \"$1\" ] || exit 0; find \"$1\" -mindepth 1 -maxdepth 1 -printf '%f\\0'", "sh", path),
                "list " + path);
        List<String> names = new ArrayList<>();
        for (String name : listed.stdout().split("\0")) {
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        names.sort(null);
        return names;
    }

    private CommandResult require(Command command, String what) throws IOException {
        CommandResult result;
        try {
            result = run(command.withTimeout(Duration.ofMinutes(1)));
        } catch (TransportException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (!result.ok()) {
            throw new IOException(what + " on " + location() + " failed: "
                    + (result.timedOut() ? "timed out" : result.tail(1)));
        }
        return result;
    }

    private static String octal(int mode) {
        return Integer.toOctalString(mode & 07777);
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.close(true);
            session = null;
        }
        client.stop();
    }
}
