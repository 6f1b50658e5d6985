package dev.sandboxer.server;

import dev.sandboxer.core.ControlPlane;
import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.profile.Durations;
import dev.sandboxer.core.profile.Profile;
import dev.sandboxer.core.profile.ProfileCatalog;
import dev.sandboxer.core.profile.ProfileProblem;
import dev.sandboxer.core.profile.ProfileRef;
import dev.sandboxer.core.profile.UnknownProfileException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** The profile catalog: list, show, and validate a profile file sent as the body. */
final class ProfileRoutes {
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    /** One profile as listed, the same fields as {@code sandboxer profiles list -o json}. */
    record Summary(String id, int version, String extension, String ttlDefault, String ttlMax, String description,
                   String source) {
        static Summary of(Profile p) {
            return new Summary(p.id(), p.version(), p.extension().orElse("(routed)"),
                    Durations.format(p.ttl().defaultTtl()), Durations.format(p.ttl().max()), p.description(),
                    p.origin().source());
        }
    }

    record Validation(List<String> problems) {
    }

    private final ControlPlane plane;

    ProfileRoutes(ControlPlane plane) {
        this.plane = plane;
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/profiles", this::list, Access.CONSUMER);
        routes.get("/v1/profiles/{ref}", this::show, Access.CONSUMER);
        routes.post("/v1/profiles/validate", this::validate, Access.CONSUMER);
    }

    private void list(Context ctx) {
        QueryParams.allowOnly(ctx, "allVersions");
        ProfileCatalog catalog = plane.profiles();
        List<Profile> profiles = QueryParams.bool(ctx, "allVersions") ? catalog.listAllVersions() : catalog.list();
        Responses.json(ctx, profiles.stream().map(Summary::of).toList());
    }

    private void show(Context ctx) {
        QueryParams.allowOnly(ctx);
        ProfileRef ref;
        try {
            ref = ProfileRef.parse(ctx.pathParam("ref"));
        } catch (IllegalArgumentException e) {
            throw new SandboxerException.Invalid("invalid-profile-ref", e.getMessage(), "name a profile as ID or "
                    + "ID@VERSION");
        }
        try {
            Responses.json(ctx, plane.profiles().require(ref));
        } catch (UnknownProfileException e) {
            throw ApiError.notFound(e.getMessage(), "GET /v1/profiles lists them");
        }
    }

    /**
     * Checks a profile as {@code sandboxer profiles validate} does, extensions' backend sections included.
     * The catalog validates files, so the body goes to a temporary one; problems name {@code ?name=} instead.
     */
    /** Profiles are UTF-8 text; other bytes are refused here rather than reported as a parser's exception. */
    private static void requireUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw ApiError.badRequest("invalid-encoding", "the profile is not UTF-8 text", "save the file as UTF-8",
                    null);
        }
    }

    private void validate(Context ctx) {
        QueryParams.allowOnly(ctx, "name");
        String name = QueryParams.one(ctx, "name").orElse("profile.yaml");
        if (!FILE_NAME.matcher(name).matches()) {
            throw ApiError.badRequest("invalid-parameter", "name must be a plain file name", "e.g. name=my.yaml",
                    "name");
        }
        byte[] yaml = Bodies.bytes(ctx, Bodies.YAML, "application/yaml");
        requireUtf8(yaml);
        Path file = null;
        try {
            file = Files.createTempFile("sandboxer-validate-", ".yaml");
            Files.write(file, yaml);
            String temporary = file.toString();
            List<ProfileProblem> problems = plane.profiles().validate(file, plane.extensions()::validateSpec);
            Responses.json(ctx, new Validation(problems.stream()
                    .map(p -> new ProfileProblem(name, p.line(), p.column(), p.path(),
                            p.message().replace(temporary, name)).render())
                    .toList()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a temporary file to validate", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // A leftover temp file holds only what the caller sent; the OS cleans its temp directory.
                }
            }
        }
    }
}
