package dev.sandboxer.core.engine;

import java.util.List;

/**
 * What one reconcile found and did (or, in a dry run, would do).
 *
 * @param dryRun   nothing was changed
 * @param abandoned sandboxes a dead process left mid-create or mid-destroy: finished (destroyed)
 * @param orphans  backend resources with our labels but no live record: removed
 * @param lost     live records whose backend has nothing: now {@code lost}
 * @param observed live records whose observation changed: refreshed
 * @param problems extensions that could not be asked, or actions that failed; the next run tries again
 */
public record Reconciliation(boolean dryRun, List<Abandoned> abandoned, List<Orphan> orphans, List<Lost> lost,
                             List<Observed> observed, List<String> problems) {
    public Reconciliation {
        abandoned = List.copyOf(abandoned);
        orphans = List.copyOf(orphans);
        lost = List.copyOf(lost);
        observed = List.copyOf(observed);
        problems = List.copyOf(problems);
    }

    /**
     * @param record the state of the sandbox's record ({@code none} when there is no record)
     */
    public record Orphan(String extensionId, String sandboxId, String record, List<String> resources) {
        public Orphan {
            resources = List.copyOf(resources);
        }
    }

    /**
     * @param state the state it was left in
     * @param verb  the operation that was running when its process died
     */
    public record Abandoned(String sandboxId, String state, String verb) {
    }

    public record Lost(String extensionId, String sandboxId, String detail) {
    }

    public record Observed(String sandboxId, String status, String detail) {
    }
}
