package dev.sandboxer.tck.reference;

import dev.sandboxer.spi.ExecResult;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The handful of commands the reference extension pretends to run; it never starts a process. */
final class SimulatedShell {
    private static final Pattern EXIT = Pattern.compile("exit (\\d{1,3})");

    private SimulatedShell() {
    }

    static ExecResult run(List<String> argv) {
        String program = argv.getFirst();
        return switch (program) {
            case "echo" -> new ExecResult(0, String.join(" ", argv.subList(1, argv.size())) + "\n", "");
            case "true" -> new ExecResult(0, "", "");
            case "false" -> new ExecResult(1, "", "");
            case "sh" -> shell(argv);
            default -> new ExecResult(127, "", program + ": not found (reference extension simulates echo, true, "
                    + "false, sh -c 'exit N' only)\n");
        };
    }

    private static ExecResult shell(List<String> argv) {
        if (argv.size() == 3 && argv.get(1).equals("-c")) {
            Matcher exit = EXIT.matcher(argv.get(2).strip());
            if (exit.matches()) {
                return new ExecResult(Integer.parseInt(exit.group(1)) & 0xff, "", "");
            }
            if (argv.get(2).startsWith("echo ")) {
                return new ExecResult(0, argv.get(2).substring(5) + "\n", "");
            }
        }
        return new ExecResult(127, "", "sh: only 'sh -c \"exit N\"' and 'sh -c \"echo ...\"' are simulated\n");
    }
}
