package io.jenkins.plugins.gitops.engine.model;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a YAML document's tree with YAML's own sharing rules, which Jackson's tree reader ignores (it turns an alias
 * {@code *x} into the string {@code "x"}, silently changing the manifest): anchors and aliases are resolved, merge
 * keys ({@code <<: *base}) fill in the keys a mapping does not set itself, as go-yaml does for {@code kubectl} and
 * Argo CD. Hostile input is refused, not expanded: an alias to a node that is still being built (a cycle), an alias
 * to an unknown anchor, duplicate keys in one mapping (as go-yaml and {@code kubectl} refuse them), and documents
 * whose aliases would materialise more than {@link #MAX_ALIASED_NODES} nodes (a "billion laughs" bomb).
 */
public final class YamlTree {

    /** Nodes aliases may copy into one document; go-yaml similarly caps alias expansion. */
    public static final int MAX_ALIASED_NODES = 100_000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, JsonNode> anchors = new HashMap<>();
    private long aliased;

    private YamlTree() {}

    /** True when a text may use anchors, aliases or merge keys and so needs this reader. */
    public static boolean mayShare(String text) {
        return text.indexOf('&') >= 0 || text.indexOf('*') >= 0 || text.contains("<<");
    }

    /**
     * Reads the value whose first token the parser is at (as {@code ObjectMapper.readTree(parser)} would). Anchors are
     * per document: call once per document.
     */
    public static JsonNode read(JsonParser parser) throws IOException {
        if (!(parser instanceof YAMLParser yaml)) {
            throw new IllegalArgumentException("not a YAML parser");
        }
        if (yaml.currentToken() == null && yaml.nextToken() == null) {
            return null;
        }
        return new YamlTree().value(yaml);
    }

    /** The tree of a single-document YAML text. */
    public static JsonNode readTree(String text) throws IOException {
        if (!mayShare(text)) {
            return Yaml.YAML.readTree(text);
        }
        try (JsonParser p = Yaml.YAML.getFactory().createParser(text)) {
            JsonNode n = read(p);
            return n == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : n;
        }
    }

    private JsonNode value(YAMLParser p) throws IOException {
        if (p.isCurrentAlias()) {
            String name = p.getText();
            JsonNode target = anchors.get(name);
            if (target == null) {
                throw new JsonParseException(p, anchors.containsKey(name)
                        ? "alias *" + name + " refers to the node that contains it (a cycle)"
                        : "alias *" + name + " has no anchor &" + name + " before it");
            }
            aliased += size(target);
            if (aliased > MAX_ALIASED_NODES) {
                throw new JsonParseException(p, "aliases expand to more than " + MAX_ALIASED_NODES
                        + " nodes; refusing what looks like an alias bomb");
            }
            return target.deepCopy();
        }
        String anchor = p.getCurrentAnchor();
        if (anchor != null) {
            anchors.put(anchor, null); // marks "being built" for cycle detection
        }
        JsonNode out = switch (p.currentToken()) {
            case START_OBJECT -> mapping(p);
            case START_ARRAY -> sequence(p);
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> p.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                    ? NODES.numberNode(p.getDecimalValue()) : NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            case VALUE_EMBEDDED_OBJECT -> embedded(p.getEmbeddedObject());
            default -> throw new JsonParseException(p, "unexpected " + p.currentToken());
        };
        if (anchor != null) {
            anchors.put(anchor, out);
        }
        return out;
    }

    private static JsonNode embedded(Object o) {
        return o instanceof byte[] b ? NODES.binaryNode(b) : NODES.pojoNode(o);
    }

    private ObjectNode mapping(YAMLParser p) throws IOException {
        ObjectNode o = NODES.objectNode();
        List<JsonNode> merges = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
            if (t != JsonToken.FIELD_NAME) {
                throw new JsonParseException(p, "unexpected " + t + " in a mapping");
            }
            String key = p.currentName();
            p.nextToken();
            JsonNode v = value(p);
            if (key.equals("<<")) {
                merges.add(v);
            } else if (o.has(key)) {
                throw new JsonParseException(p, "duplicate key '" + key + "' in one mapping");
            } else {
                o.set(key, v);
            }
        }
        for (JsonNode m : merges) {
            List<JsonNode> sources = new ArrayList<>();
            if (m.isArray()) {
                m.forEach(sources::add);
            } else {
                sources.add(m);
            }
            for (JsonNode s : sources) {
                if (!s.isObject()) {
                    throw new JsonParseException(p, "a merge key (<<) needs a mapping or a list of mappings");
                }
                s.fields().forEachRemaining(e -> {
                    if (!o.has(e.getKey())) {
                        o.set(e.getKey(), e.getValue());
                    }
                });
            }
        }
        return o;
    }

    private ArrayNode sequence(YAMLParser p) throws IOException {
        ArrayNode a = NODES.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            a.add(value(p));
        }
        return a;
    }

    private static long size(JsonNode n) {
        long s = 1;
        for (JsonNode c : n) {
            s += size(c);
        }
        return s;
    }
}
