package dev.sandboxer.cli;

/** Profiles pinned to the in-memory reference extension, so CLI tests need no podman. */
final class TestProfiles {
    private TestProfiles() {
    }

    static final String ECHO = """
            id: echo
            version: 1
            description: A reference sandbox that takes a name
            extension: reference
            ttl:
              default: 30m
              max: 2h
            inputs:
              name:
                type: string
                required: true
                pattern: "[a-z]+"
                description: Who to greet
            reach:
              exec: true
            backend:
              reference: {}
            labels:
              purpose: test
            """;

    static final String BROKEN_BACKEND = """
            id: doomed
            version: 1
            description: A reference sandbox whose backend always fails
            extension: reference
            ttl:
              default: 10m
              max: 1h
            backend:
              reference:
                fail: the disk is on fire
            """;

    /** Two mistakes a user makes: a duration in words and an unknown top-level field. */
    static final String MALFORMED = """
            id: broken
            version: 1
            description: Not a usable profile
            ttl:
              default: 10 minutes
            colour: blue
            """;
}
