package dev.sandboxer.core.profile;

import java.util.HashMap;
import java.util.Map;

/** Finds where a field path was written, so problems found after reading still point into the file. */
final class SourceIndex {
    private final Map<String, YamlNode> nodes = new HashMap<>();

    SourceIndex(YamlNode root) {
        add(root);
    }

    /** The node at {@code path}, or its nearest ancestor that the file wrote; at worst the document. */
    YamlNode at(String path) {
        String p = path;
        while (!nodes.containsKey(p) && !p.isEmpty()) {
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return nodes.get(p);
    }

    Iterable<YamlNode> all() {
        return nodes.values();
    }

    private void add(YamlNode node) {
        nodes.put(node.path(), node);
        switch (node) {
            case YamlNode.Mapping m -> m.entries().values().forEach(e -> add(e.value()));
            case YamlNode.Sequence s -> s.items().forEach(this::add);
            case YamlNode.Scalar ignored -> { }
        }
    }
}
