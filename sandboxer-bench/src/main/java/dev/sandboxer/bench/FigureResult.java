package dev.sandboxer.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One figure's fragment of the results file: how it was measured, every sample of every side, the figure
 * the summary table shows, its target and whether it was met, and where the time went.
 */
final class FigureResult {
    private final ObjectNode node = JsonNodeFactory.instance.objectNode();

    FigureResult(String id, String title) {
        node.put("id", id);
        node.put("title", title);
    }

    FigureResult how(String text) {
        node.put("how", text);
        return this;
    }

    FigureResult side(String name, Samples samples) {
        node.withObjectProperty("sides").set(name, samples.toJson());
        return this;
    }

    FigureResult value(String key, double value) {
        node.withObjectProperty("values").put(key, Samples.round(value));
        return this;
    }

    /** The text of the summary table's "measured" column. */
    FigureResult measured(String text) {
        node.put("measured", text);
        return this;
    }

    /** @param pass null when the figure is reported without a target */
    FigureResult target(String text, Boolean pass) {
        node.put("target", text);
        if (pass == null) {
            node.putNull("pass");
        } else {
            node.put("pass", pass);
        }
        return this;
    }

    FigureResult note(String text) {
        node.withArray("notes").add(text);
        return this;
    }

    ObjectNode breakdown() {
        return node.withObjectProperty("breakdown");
    }

    ObjectNode json() {
        return node;
    }

    static String ms(double millis) {
        return millis >= 1000 ? String.format("%.2f s", millis / 1000) : String.format("%.1f ms", millis);
    }
}
