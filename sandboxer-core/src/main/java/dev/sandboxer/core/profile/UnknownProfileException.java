package dev.sandboxer.core.profile;

import java.util.Collection;
import java.util.stream.Collectors;

/** No profile matches a reference; the message says what does exist, so the consumer can correct it. */
public final class UnknownProfileException extends RuntimeException {
    private final ProfileRef ref;

    UnknownProfileException(ProfileRef ref, Collection<String> ids, Collection<Integer> versions, int brokenFiles) {
        super(message(ref, ids, versions, brokenFiles), null, false, false);
        this.ref = ref;
    }

    public ProfileRef ref() {
        return ref;
    }

    private static String message(ProfileRef ref, Collection<String> ids, Collection<Integer> versions, int broken) {
        String text = versions.isEmpty()
                ? "no profile " + Quote.of(ref.id()) + Spelling.suggest(ref.id(), ids) + "; known profiles: "
                + (ids.isEmpty() ? "none" : String.join(", ", ids))
                : "profile " + ref.id() + " has no version " + ref.version().orElseThrow() + "; versions: "
                + versions.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return broken == 0 ? text : text + " (" + broken + " problem" + (broken == 1 ? "" : "s")
                + " in profile files; run 'sandboxer profiles validate FILE')";
    }
}
