package dev.sandboxer.core.profile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML document into {@link YamlNode}s with Jackson's streaming YAML parser. YAML that does
 * not parse, duplicate keys (YAML would silently keep one) and aliases become located problems.
 */
final class YamlTree {
    /** An empty plain value ({@code key:}) is null in YAML; Jackson would otherwise make it "". */
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();

    private YamlTree() {
    }

    static Optional<YamlNode> read(byte[] content, Problems problems) {
        try (JsonParser parser = YAML.createParser(content)) {
            if (parser.nextToken() == null) {
                problems.add(Location.START, "", "the file is empty; a profile starts with e.g. 'id: my-profile'");
                return Optional.empty();
            }
            YamlNode root = node(parser, "", problems);
            if (parser.nextToken() != null) {
                problems.add(location(parser), "", "a second YAML document starts here; put one profile per file");
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            problems.add(syntaxLocation(e), "", syntaxMessage(e));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(Location.START, "", "cannot be read: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static YamlNode node(JsonParser parser, String path, Problems problems) throws IOException {
        Location at = location(parser);
        return switch (parser.currentToken()) {
            case START_OBJECT -> mapping(parser, path, at, problems);
            case START_ARRAY -> sequence(parser, path, at, problems);
            default -> scalar(parser, path, at, problems);
        };
    }

    private static YamlNode mapping(JsonParser parser, String path, Location at, Problems problems)
            throws IOException {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Location keyAt = location(parser);
            parser.nextToken();
            YamlNode value = node(parser, YamlNode.child(path, key), problems);
            YamlNode.Entry first = entries.putIfAbsent(key, new YamlNode.Entry(key, keyAt, value));
            if (first != null) {
                problems.add(keyAt, YamlNode.child(path, key), "appears twice (first on line "
                        + first.keyLocation().line() + "); keep one");
            }
        }
        return new YamlNode.Mapping(path, at, entries);
    }

    private static YamlNode sequence(JsonParser parser, String path, Location at, Problems problems)
            throws IOException {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(node(parser, YamlNode.index(path, items.size()), problems));
        }
        return new YamlNode.Sequence(path, at, items);
    }

    private static YamlNode scalar(JsonParser parser, String path, Location at, Problems problems)
            throws IOException {
        String text = parser.getText();
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            problems.add(at, path, "aliases (*" + text + ") are not supported in profiles; write the value out");
        }
        Object value = switch (parser.currentToken()) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> text;
        };
        return new YamlNode.Scalar(path, at, text, value);
    }

    private static Location location(JsonParser parser) {
        JsonLocation at = parser.currentTokenLocation();
        return new Location(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
    }

    /** SnakeYAML's own mark points at the offending character; Jackson's sometimes at the line before. */
    private static Location syntaxLocation(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark mark = marked.getProblemMark();
            return new Location(mark.getLine() + 1, mark.getColumn() + 1);
        }
        JsonLocation at = e.getLocation();
        return at == null ? Location.START : new Location(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
    }

    private static String syntaxMessage(JsonProcessingException e) {
        String problem = e.getOriginalMessage();
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
            problem = marked.getProblem() + (marked.getContext() == null ? "" : " (" + marked.getContext() + ")");
        }
        // The parser names its own event classes ("<org.yaml.snakeyaml.events.SequenceStartEvent(...)>"); say
        // what they mean in YAML instead.
        problem = problem.replaceAll("<org\\.yaml\\.snakeyaml\\.events\\.(\\w+?)Event\\([^>]*\\)>", "$1")
                .replace("got this instead: SequenceStart", "got a list [...] instead")
                .replace("got this instead: MappingStart", "got a map {...} instead")
                .replace("(Scalar value in YAML)", "(a plain key)");
        return "not valid YAML: " + problem + "; check indentation (spaces only), colons and quotes";
    }
}
