package io.jenkins.plugins.gitops.engine.imageupdate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.util.List;

/**
 * The edits write-back makes, as pure functions from a file's text to its new text (null text: the file does not
 * exist yet). Each leaves everything it does not own in place. YAML comments and formatting are not kept: the file is
 * re-serialised (Image Updater keeps them for kustomizations; documented).
 */
public final class FileEdits {

    /** Which kind of parameters an application's override file carries. */
    public enum Tool { HELM, KUSTOMIZE }

    private FileEdits() {}

    /** {@code .argocd-source-<app>.yaml}: {@code kustomize.images} entries or {@code helm.parameters}, set or added. */
    public static String sourceOverride(String text, Tool tool, List<ImageChange> changes, String file) {
        ObjectNode root = object(text, file);
        if (tool == Tool.KUSTOMIZE) {
            ArrayNode images = array(object(root, "kustomize", file), "images", file);
            for (ImageChange c : changes) {
                setKustomizeImage(images, c);
            }
        } else {
            ArrayNode params = array(object(root, "helm", file), "parameters", file);
            for (ImageChange c : changes) {
                if (!c.image().helmImageSpec().isEmpty()) {
                    setParameter(params, c.image().helmImageSpec(), c.newReference());
                } else {
                    setParameter(params, c.helmNameParameter(), c.image().image().name());
                    setParameter(params, c.helmTagParameter(), c.newVersion());
                }
            }
        }
        return Yaml.write(root);
    }

    /** A kustomization's {@code images:} list: the entry named like the image gets newName/newTag (or digest). */
    public static String kustomization(String text, List<ImageChange> changes, String file) {
        if (text == null) {
            throw new ImageUpdateException(file + ": no kustomization to write the image into");
        }
        ObjectNode root = object(text, file);
        ArrayNode images = array(root, "images", file);
        for (ImageChange c : changes) {
            ObjectNode entry = null;
            for (JsonNode n : images) {
                if (n.isObject() && c.kustomizeName().equals(n.path("name").asText())) {
                    entry = (ObjectNode) n;
                }
            }
            if (entry == null) {
                entry = images.addObject().put("name", c.kustomizeName());
            }
            if (!c.kustomizeName().equals(c.image().image().name())) {
                entry.put("newName", c.image().image().name());
            }
            if (c.digest().isEmpty()) {
                entry.put("newTag", c.tag());
                entry.remove("digest");
            } else {
                entry.put("digest", c.digest());
                entry.remove("newTag");
            }
        }
        return Yaml.write(root);
    }

    /**
     * A Helm values file: the value at {@code helm.image-spec} becomes {@code name:tag}, or those at
     * {@code helm.image-name} and {@code helm.image-tag} (defaults {@code image.name}, {@code image.tag}) the name and
     * tag. Dotted paths create nested mappings as needed.
     */
    public static String helmValues(String text, List<ImageChange> changes, String file) {
        if (text == null) {
            throw new ImageUpdateException(file + ": the Helm values file does not exist");
        }
        ObjectNode root = object(text, file);
        for (ImageChange c : changes) {
            if (!c.image().helmImageSpec().isEmpty()) {
                setPath(root, c.image().helmImageSpec(), c.newReference(), file);
            } else {
                setPath(root, c.helmNameParameter(), c.image().image().name(), file);
                setPath(root, c.helmTagParameter(), c.newVersion(), file);
            }
        }
        return Yaml.write(root);
    }

    private static void setKustomizeImage(ArrayNode images, ImageChange c) {
        String value = c.kustomizeImage();
        for (int i = 0; i < images.size(); i++) {
            if (kustomizeName(images.get(i).asText()).equals(c.kustomizeName())) {
                images.set(i, images.textNode(value));
                return;
            }
        }
        images.add(value);
    }

    /** The image name an {@code images} entry overrides: before {@code =}, else the name before the tag/digest. */
    static String kustomizeName(String entry) {
        int eq = entry.indexOf('=');
        if (eq >= 0) {
            return entry.substring(0, eq);
        }
        String s = entry;
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int colon = s.lastIndexOf(':');
        return colon > s.lastIndexOf('/') ? s.substring(0, colon) : s;
    }

    private static void setParameter(ArrayNode params, String name, String value) {
        for (JsonNode p : params) {
            if (p.isObject() && name.equals(p.path("name").asText())) {
                ((ObjectNode) p).put("value", value).put("forcestring", true);
                return;
            }
        }
        params.addObject().put("name", name).put("value", value).put("forcestring", true);
    }

    private static void setPath(ObjectNode root, String dotted, String value, String file) {
        String[] parts = dotted.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = object(node, parts[i], file);
        }
        node.put(parts[parts.length - 1], value);
    }

    private static ObjectNode object(String text, String file) {
        if (text == null || text.isBlank()) {
            return Yaml.JSON.createObjectNode();
        }
        JsonNode n;
        try {
            n = Yaml.YAML.readTree(text);
        } catch (Exception e) {
            throw new ImageUpdateException(file + ": not valid YAML: " + e.getMessage());
        }
        if (n == null || n.isNull() || n.isMissingNode()) {
            return Yaml.JSON.createObjectNode();
        }
        if (!n.isObject()) {
            throw new ImageUpdateException(file + ": expected a YAML mapping");
        }
        return (ObjectNode) n;
    }

    private static ObjectNode object(ObjectNode parent, String field, String file) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return parent.putObject(field);
        }
        if (!n.isObject()) {
            throw new ImageUpdateException(file + ": '" + field + "' is not a mapping");
        }
        return (ObjectNode) n;
    }

    private static ArrayNode array(ObjectNode parent, String field, String file) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return parent.putArray(field);
        }
        if (!n.isArray()) {
            throw new ImageUpdateException(file + ": '" + field + "' is not a list");
        }
        return (ArrayNode) n;
    }
}
