package io.jenkins.plugins.gitops.engine.render;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Kubernetes objects from YAML streams (one or more documents) and JSON files.
 *
 * <p>Empty documents are skipped. Every other document must be a mapping with {@code apiVersion} and {@code kind};
 * errors name the source, the 1-based document number and its line. YAML syntax errors name the line the parser
 * stopped at. Lists ({@code kind: ...List} with {@code items}) are returned as they are; flattening happens in
 * post-processing for every tool alike.
 */
final class ManifestParser {

    private ManifestParser() {}

    /** All objects of a (multi-document) YAML text; {@code source} names the file for errors and object sources. */
    static List<KubeObject> yaml(String text, String source) {
        List<KubeObject> out = new ArrayList<>();
        int document = 0;
        try (JsonParser p = Yaml.YAML.getFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                document++;
                int line = p.currentTokenLocation().getLineNr();
                JsonNode n = t == JsonToken.VALUE_NULL ? null : Yaml.YAML.readTree(p);
                if (n == null || n.isNull() || n.isMissingNode() || n.isTextual() && n.asText().isEmpty()) {
                    continue;
                }
                out.add(toObject(n, source, document, line, out.size()));
            }
        } catch (JsonProcessingException e) {
            throw new ManifestSyntaxException(source + ": YAML syntax error" + at(e.getLocation()) + ": "
                    + problem(e.getOriginalMessage()), out.size());
        } catch (IOException e) {
            throw new RenderException(source + ": cannot read: " + e.getMessage(), e);
        }
        return out;
    }

    /** The single object of a JSON file (Argo CD allows exactly one value per JSON file). */
    static List<KubeObject> json(String text, String source) {
        try (JsonParser p = Yaml.JSON.getFactory().createParser(text)) {
            if (p.nextToken() == null) {
                return List.of();
            }
            int line = p.currentTokenLocation().getLineNr();
            JsonNode n = Yaml.JSON.readTree(p);
            if (p.nextToken() != null) {
                throw new ManifestSyntaxException(source + ": found more than one value" + at(p.currentTokenLocation())
                        + "; a JSON file holds exactly one object", 1);
            }
            if (n == null || n.isNull()) {
                return List.of();
            }
            return List.of(toObject(n, source, 1, line, 0));
        } catch (JsonProcessingException e) {
            throw new ManifestSyntaxException(source + ": JSON syntax error" + at(e.getLocation()) + ": "
                    + problem(e.getOriginalMessage()), 0);
        } catch (IOException e) {
            throw new RenderException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static KubeObject toObject(JsonNode n, String source, int document, int line, int before) {
        String where = source + " (document " + document + ", line " + line + ")";
        if (!n.isObject()) {
            throw new ManifestSyntaxException(where + ": expected a Kubernetes object (a mapping), found "
                    + n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT), before);
        }
        ObjectNode o = (ObjectNode) n;
        if (blank(o.get("apiVersion"))) {
            throw new ManifestSyntaxException(where + ": object has no apiVersion", before);
        }
        if (blank(o.get("kind"))) {
            throw new ManifestSyntaxException(where + ": object has no kind", before);
        }
        return new KubeObject(o, source);
    }

    private static boolean blank(JsonNode v) {
        return v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank();
    }

    private static String at(JsonLocation loc) {
        return loc == null || loc.getLineNr() <= 0 ? "" : " at line " + loc.getLineNr();
    }

    /** The parser's message without source excerpts and carets; marks become "(line L, column C)". */
    static String problem(String message) {
        if (message == null) {
            return "unknown error";
        }
        StringBuilder out = new StringBuilder();
        for (String l : message.split("\n")) {
            String s = l.strip();
            java.util.regex.Matcher mark = MARK.matcher(s);
            if (mark.matches()) {
                out.append(" (line ").append(mark.group(1)).append(", column ").append(mark.group(2)).append(')');
            } else if (!s.isEmpty() && !l.startsWith(" ") && !s.equals("^")) {
                out.append(out.length() == 0 ? "" : "; ").append(s);
            }
        }
        return out.length() == 0 ? message.strip() : out.toString();
    }

    private static final java.util.regex.Pattern MARK =
            java.util.regex.Pattern.compile("in '[^']*', line (\\d+), column (\\d+):?");
}
