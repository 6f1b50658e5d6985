package dev.sandboxer.core.engine;

import java.util.Map;

/** Where plans come from: the profile catalog plus input checking. Errors are {@code SandboxerException}s. */
@FunctionalInterface
public interface PlanSource {
    /**
     * @param profile {@code id} or {@code id@version}
     * @param inputs  raw user inputs
     */
    Plan plan(String profile, Map<String, String> inputs);
}
