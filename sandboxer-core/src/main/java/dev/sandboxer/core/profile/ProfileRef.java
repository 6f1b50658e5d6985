package dev.sandboxer.core.profile;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a consumer names a profile: {@code compose-e2e} (the latest version) or {@code compose-e2e@2}.
 *
 * @param id      the profile id
 * @param version a pinned version; empty means the latest
 */
public record ProfileRef(String id, Optional<Integer> version) {
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern REF = Pattern.compile("([^@]+)(?:@([1-9][0-9]{0,8}))?");

    public ProfileRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(Quote.of(id) + " is not a profile id; use lower-case letters, digits"
                    + " and '-', starting with a letter or digit, at most 63 characters");
        }
        if (version.isPresent() && version.get() < 1) {
            throw new IllegalArgumentException("profile versions start at 1, not " + version.get());
        }
    }

    /** {@code id} or {@code id@version}; anything else is refused with a message that shows the form. */
    public static ProfileRef parse(String text) {
        Matcher m = REF.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(Quote.of(text) + " is not a profile reference; use ID or ID@VERSION,"
                    + " e.g. compose-e2e or compose-e2e@1");
        }
        return new ProfileRef(m.group(1), Optional.ofNullable(m.group(2)).map(Integer::valueOf));
    }

    public static ProfileRef latest(String id) {
        return new ProfileRef(id, Optional.empty());
    }

    public static ProfileRef of(String id, int version) {
        return new ProfileRef(id, Optional.of(version));
    }

    @Override
    public String toString() {
        return version.map(v -> id + "@" + v).orElse(id);
    }
}
