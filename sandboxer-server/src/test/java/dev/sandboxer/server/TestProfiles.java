package dev.sandboxer.server;

/** Profiles pinned to in-memory extensions, so the server's tests need no podman. */
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

    static final String DOOMED = """
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

    /** Creates wait at {@link GatedExtension}'s gate until the test opens it. */
    static final String GATED = """
            id: gated
            version: 1
            description: A sandbox whose create waits until the test lets it through
            extension: gated
            ttl:
              default: 30m
              max: 2h
            reach:
              exec: true
            backend:
              gated: {}
            """;
}
