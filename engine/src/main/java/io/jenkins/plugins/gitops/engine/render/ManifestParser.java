package io.jenkins.plugins.gitops.engine.render;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import io.jenkins.plugins.gitops.engine.model.YamlTree;
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
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        checkDocumentCount(text, source);
        boolean sharing = YamlTree.mayShare(text);
        try (JsonParser p = Yaml.YAML.getFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                document++;
                int line = p.currentTokenLocation().getLineNr();
                JsonNode n = t == JsonToken.VALUE_NULL ? null : sharing ? YamlTree.read(p) : Yaml.YAML.readTree(p);
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

    /** Most YAML documents one file may hold; a stream of millions of empty documents is an attack, not a manifest. */
    static final int MAX_DOCUMENTS = 50_000;

    private static void checkDocumentCount(String text, String source) {
        int count = 0;
        for (int i = text.indexOf("---"); i >= 0; i = text.indexOf("---", i + 3)) {
            if ((i == 0 || text.charAt(i - 1) == '\n') && ++count > MAX_DOCUMENTS) {
                throw new ManifestSyntaxException(source + ": more than " + MAX_DOCUMENTS
                        + " YAML documents in one file", 0);
            }
        }
    }

    /** The single object of a JSON file (Argo CD allows exactly one value per JSON file). */
    static List<KubeObject> json(String text, String source) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte order mark is an encoding detail, not content
        }
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

    /**
     * The objects of an evaluated Jsonnet file, as Argo CD's {@code findManifests} reads them: an array of objects, or
     * one object ({@code null} gives nothing).
     */
    static List<KubeObject> evaluated(JsonNode n, String source) {
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            return List.of(toObject(n, source, source + " (evaluated output)", 0));
        }
        List<KubeObject> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isNull()) {
                out.add(toObject(n.get(i), source, source + " (evaluated output, array element " + i + ")",
                        out.size()));
            }
        }
        return out;
    }

    private static KubeObject toObject(JsonNode n, String source, int document, int line, int before) {
        return toObject(n, source, source + " (document " + document + ", line " + line + ")", before);
    }

    private static KubeObject toObject(JsonNode n, String source, String where, int before) {
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
        checkMetadata(o, where, before);
        return new KubeObject(o, source);
    }

    /** The metadata shapes the API server insists on, refused here with the file rather than deep in a sync. */
    private static void checkMetadata(ObjectNode o, String where, int before) {
        JsonNode meta = o.get("metadata");
        if (meta == null || meta.isNull()) {
            return;
        }
        if (!meta.isObject()) {
            throw new ManifestSyntaxException(where + ": metadata must be a mapping", before);
        }
        for (String field : new String[] {"name", "namespace", "generateName"}) {
            JsonNode v = meta.get(field);
            if (v != null && !v.isNull() && !v.isValueNode()) {
                throw new ManifestSyntaxException(where + ": metadata." + field + " must be a string", before);
            }
        }
        checkName(o, meta.path("name").asText(""), where, before);
        String namespace = meta.path("namespace").asText("");
        if (!namespace.isEmpty() && (namespace.length() > 63 || !DNS_LABEL.matcher(namespace).matches())) {
            throw new ManifestSyntaxException(where + ": metadata.namespace '" + shorten(namespace)
                    + "' is not a valid namespace (a DNS-1123 label: at most 63 lower case letters, digits, '-')",
                    before);
        }
        if ("Secret".equals(o.path("kind").asText()) && "v1".equals(o.path("apiVersion").asText())) {
            o.path("data").fields().forEachRemaining(e -> {
                if (e.getValue().isNull()) {
                    return;
                }
                try {
                    java.util.Base64.getMimeDecoder().decode(e.getValue().asText());
                    if (!e.getValue().isTextual() || !BASE64.matcher(e.getValue().asText()).matches()) {
                        throw new IllegalArgumentException("not base64");
                    }
                } catch (IllegalArgumentException bad) {
                    throw new ManifestSyntaxException(where + ": Secret data." + e.getKey()
                            + " is not base64 (use stringData for plain text)", before);
                }
            });
        }
        for (String field : new String[] {"labels", "annotations"}) {
            JsonNode v = meta.get(field);
            if (v == null || v.isNull()) {
                continue;
            }
            if (!v.isObject()) {
                throw new ManifestSyntaxException(where + ": metadata." + field + " must be a mapping of strings",
                        before);
            }
            v.fields().forEachRemaining(e -> {
                if (!e.getValue().isValueNode()) {
                    throw new ManifestSyntaxException(where + ": metadata." + field + "." + e.getKey()
                            + " must be a string", before);
                }
            });
        }
    }

    private static final java.util.regex.Pattern DNS_LABEL =
            java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final java.util.regex.Pattern DNS_SUBDOMAIN =
            java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    private static final java.util.regex.Pattern BASE64 = java.util.regex.Pattern.compile("[A-Za-z0-9+/=\\s]*");

    /**
     * Kubernetes' name rules: every kind's name is a path segment of at most 253 characters (no '/', '%', not '.' or
     * '..'); all but RBAC's kinds also require a DNS-1123 subdomain. The API server refuses the rest, so refusing them
     * here names the file and applies nothing.
     */
    private static void checkName(ObjectNode o, String name, String where, int before) {
        if (name.isEmpty()) {
            return;
        }
        String problem = null;
        if (name.length() > 253) {
            problem = "is longer than 253 characters (" + name.length() + ")";
        } else if (name.equals(".") || name.equals("..") || name.contains("/") || name.contains("%")) {
            problem = "may not be '.' or '..' or contain '/' or '%'";
        } else if (!o.path("apiVersion").asText().startsWith("rbac.authorization.k8s.io/")
                && !DNS_SUBDOMAIN.matcher(name).matches()) {
            problem = "is not a DNS-1123 subdomain (lower case letters, digits, '-', '.')";
        }
        if (problem != null) {
            throw new ManifestSyntaxException(where + ": metadata.name '" + shorten(name) + "' " + problem, before);
        }
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
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
