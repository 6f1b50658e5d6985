package dev.sandboxer.core.profile;

import dev.sandboxer.spi.Capability;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rules that span sections of a profile, checked once every section has been read. Problems point at
 * the offending node through the tree's paths.
 */
final class ProfileRules {
    /** The fields where {@code ${inputs.NAME}} is substituted; {@link ProfileResolver} renders the same ones. */
    private static final Pattern TEMPLATED = Pattern.compile(
            "backend[.\\[].*|setup\\.env[.\\[].*|setup\\.files\\[\\d+]\\.(path|content)|readiness\\.command\\[\\d+]");

    private final Profile profile;
    private final SourceIndex index;
    private final Problems problems;

    private ProfileRules(Profile profile, YamlNode root, Problems problems) {
        this.profile = profile;
        this.problems = problems;
        this.index = new SourceIndex(root);
    }

    static void check(Profile profile, YamlNode root, Problems problems) {
        ProfileRules rules = new ProfileRules(profile, root, problems);
        rules.readinessPort();
        rules.portServices();
        rules.templates();
        rules.secretsAndEnv();
        rules.pinnedExtension();
    }

    private void readinessPort() {
        profile.readiness().ifPresent(probe -> {
            if (probe instanceof ReadinessProbe.Http http && profile.reach().port(http.port()).isEmpty()) {
                List<String> names = profile.reach().ports().stream().map(PortSpec::name).toList();
                problems.at(node("readiness.http.port"), Quote.of(http.port()) + " is not a port in reach.ports; "
                        + (names.isEmpty() ? "declare it there first, e.g. {name: web, port: 8080, protocol: http}"
                        : "known ports: " + String.join(", ", names)));
            }
        });
    }

    private void portServices() {
        if (profile.requires().contains(Capability.MULTI_SERVICE)) {
            return;
        }
        List<PortSpec> ports = profile.reach().ports();
        for (int i = 0; i < ports.size(); i++) {
            if (ports.get(i).service().isPresent()) {
                problems.at(node("reach.ports[" + i + "].service"), "only multi-service profiles name a service;"
                        + " add multi-service to requires or drop service");
            }
        }
    }

    private void templates() {
        for (YamlNode n : index.all()) {
            if (n instanceof YamlNode.Scalar s && s.isString() && TEMPLATED.matcher(n.path()).matches()) {
                Template.problems(s.text(), profile.inputs().keySet()).forEach(problem -> problems.at(n, problem));
            }
        }
    }

    private void secretsAndEnv() {
        profile.secrets().keySet().stream().filter(profile.setup().env()::containsKey).forEach(name ->
                problems.at(node(YamlNode.child("secrets", name)), name + " is also set in setup.env; a variable"
                        + " comes from one place, so drop one of them"));
    }

    private void pinnedExtension() {
        profile.extension().ifPresent(ext -> {
            if (!profile.backend().isEmpty() && !profile.backend().containsKey(ext)) {
                problems.at(node("extension"), "pins " + Quote.of(ext) + " but backend has no " + ext + " section (only "
                        + String.join(", ", profile.backend().keySet()) + "); add backend." + ext + " or fix the id");
            }
        });
    }

    private YamlNode node(String path) {
        return index.at(path);
    }
}
