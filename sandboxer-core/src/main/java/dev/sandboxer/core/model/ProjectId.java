package dev.sandboxer.core.model;

import java.util.regex.Pattern;

/** Validates project names: they appear in labels, paths and URLs. */
public final class ProjectId {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private ProjectId() {
    }

    public static String require(String project) {
        if (project == null || !VALID.matcher(project).matches()) {
            throw new IllegalArgumentException("project '" + project
                    + "' must be 1-63 of lower-case letters, digits and '-', starting with a letter or digit");
        }
        return project;
    }
}
