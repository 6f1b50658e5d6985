package dev.sandboxer.core.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Applies a consumer's inputs ({@code --input name=value}) to a profile: checks them, fills in
 * defaults and substitutes {@code ${inputs.NAME}} in setup.env, setup.files, the readiness command and
 * every string value of the backend sections. Secrets are not touched: see {@link SecretResolver}.
 */
public final class ProfileResolver {
    private ProfileResolver() {
    }

    public static ResolvedProfile resolve(Profile profile, Map<String, String> given) {
        Map<String, String> inputs = check(profile, given);
        // Optional inputs without a value render as empty text; they are not recorded as inputs.
        Map<String, String> values = new HashMap<>();
        profile.inputs().keySet().forEach(name -> values.put(name, ""));
        values.putAll(inputs);
        UnaryOperator<String> render = text -> Template.render(text, values);
        Setup setup = new Setup(renderEnv(profile.setup().env(), render), profile.setup().files().stream()
                .map(f -> new FileSpec(render.apply(f.path()), render.apply(f.content()), f.mode())).toList());
        Optional<ReadinessProbe> readiness = profile.readiness().map(probe -> switch (probe) {
            case ReadinessProbe.Command c -> new ReadinessProbe.Command(c.argv().stream().map(render).toList(),
                    c.timeout(), c.interval());
            case ReadinessProbe.Http h -> h;
        });
        Map<String, Map<String, Object>> backend = new LinkedHashMap<>();
        profile.backend().forEach((ext, spec) -> backend.put(ext, renderSpec(spec, render)));
        return new ResolvedProfile(profile.withRendered(setup, readiness, backend), inputs);
    }

    private static Map<String, String> check(Profile profile, Map<String, String> given) {
        List<String> problems = new ArrayList<>();
        Map<String, String> inputs = new LinkedHashMap<>();
        given.keySet().stream().sorted().filter(name -> !profile.inputs().containsKey(name)).forEach(name ->
                problems.add(profile.inputs().isEmpty()
                        ? "unknown input " + Quote.of(name) + ": " + profile.ref() + " takes no inputs"
                        : "unknown input " + Quote.of(name) + Spelling.suggest(name, profile.inputs().keySet()) + "; "
                        + profile.ref() + " takes: " + String.join(", ", profile.inputs().keySet())));
        for (InputSpec spec : profile.inputs().values()) {
            String raw = given.get(spec.name());
            if (raw != null) {
                spec.problem(raw).ifPresentOrElse(
                        p -> problems.add("input " + Quote.of(spec.name()) + ": " + p + "; expected " + spec.expects()),
                        () -> inputs.put(spec.name(), spec.canonical(raw)));
            } else if (spec.defaultValue().isPresent()) {
                inputs.put(spec.name(), spec.defaultValue().get());
            } else if (spec.required()) {
                problems.add("input " + Quote.of(spec.name()) + " is required: pass --input " + spec.name()
                        + "=VALUE (" + spec.expects() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        return inputs;
    }

    private static Map<String, String> renderEnv(Map<String, String> env, UnaryOperator<String> render) {
        Map<String, String> rendered = new LinkedHashMap<>();
        env.forEach((name, value) -> rendered.put(name, render.apply(value)));
        return rendered;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> renderSpec(Map<String, Object> spec, UnaryOperator<String> render) {
        return (Map<String, Object>) PlainData.mapStrings(spec, render);
    }
}
