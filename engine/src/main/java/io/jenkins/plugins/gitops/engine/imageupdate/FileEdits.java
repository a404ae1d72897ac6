package io.jenkins.plugins.gitops.engine.imageupdate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The edits write-back makes, as pure functions from a file's text to its new text (null text: the file does not
 * exist yet). Edits are made in place on the text ({@link YamlText}): only the values that change are rewritten, so
 * comments, blank lines, key order, quoting and indentation of the rest of the file stay exactly as they were.
 */
public final class FileEdits {

    /** Which kind of parameters an application's override file carries. */
    public enum Tool { HELM, KUSTOMIZE }

    private FileEdits() {}

    /** {@code .argocd-source-<app>.yaml}: {@code kustomize.images} entries or {@code helm.parameters}, set or added. */
    public static String sourceOverride(String text, Tool tool, List<ImageChange> changes, String file) {
        YamlText y = new YamlText(text, file);
        for (ImageChange c : changes) {
            if (tool == Tool.KUSTOMIZE) {
                setKustomizeImage(y, c, file);
            } else if (!c.image().helmImageSpec().isEmpty()) {
                setParameter(y, c.image().helmImageSpec(), c.newReference(), file);
            } else {
                setParameter(y, c.helmNameParameter(), c.image().image().name(), file);
                setParameter(y, c.helmTagParameter(), c.newVersion(), file);
            }
        }
        return y.text();
    }

    /** A kustomization's {@code images:} list: the entry named like the image gets newName/newTag (or digest). */
    public static String kustomization(String text, List<ImageChange> changes, String file) {
        if (text == null) {
            throw new ImageUpdateException(file + ": no kustomization to write the image into");
        }
        YamlText y = new YamlText(text, file);
        if (y.root() == null) {
            throw new ImageUpdateException(file + ": the kustomization is empty");
        }
        for (ImageChange c : changes) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", c.kustomizeName());
            if (!c.kustomizeName().equals(c.image().image().name())) {
                entry.put("newName", c.image().image().name());
            }
            if (c.digest().isEmpty()) {
                entry.put("newTag", c.tag());
            } else {
                entry.put("digest", c.digest());
            }
            Optional<Node> images = YamlText.get(y.root(), "images");
            if (images.isEmpty()) {
                y.put(y.root(), "images", List.of(entry));
                continue;
            }
            SequenceNode seq = sequence(images.get(), "images", file);
            Optional<MappingNode> existing = seq.getValue().stream()
                    .filter(n -> n instanceof MappingNode m && c.kustomizeName().equals(
                            YamlText.get(m, "name").map(YamlText::scalar).orElse(null)))
                    .map(MappingNode.class::cast).reduce((a, b) -> b);
            if (existing.isEmpty()) {
                y.append(seq, entry);
                continue;
            }
            int index = seq.getValue().indexOf(existing.get());
            for (Map.Entry<String, Object> e : entry.entrySet()) {
                MappingNode m = (MappingNode) sequence(YamlText.get(y.root(), "images").orElseThrow(), "images", file)
                        .getValue().get(index);
                setOrPut(y, m, e.getKey(), e.getValue(), file);
            }
            String stale = c.digest().isEmpty() ? "digest" : "newTag";
            MappingNode m = (MappingNode) sequence(YamlText.get(y.root(), "images").orElseThrow(), "images", file)
                    .getValue().get(index);
            if (YamlText.get(m, stale).isPresent()) {
                y.remove(m, stale);
            }
        }
        return y.text();
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
        YamlText y = new YamlText(text, file);
        for (ImageChange c : changes) {
            if (!c.image().helmImageSpec().isEmpty()) {
                y.setPath(path(c.image().helmImageSpec()), c.newReference());
            } else {
                y.setPath(path(c.helmNameParameter()), c.image().image().name());
                y.setPath(path(c.helmTagParameter()), c.newVersion());
            }
        }
        return y.text();
    }

    private static List<String> path(String dotted) {
        return List.of(dotted.split("\\."));
    }

    private static void setKustomizeImage(YamlText y, ImageChange c, String file) {
        String value = c.kustomizeImage();
        MappingNode kustomize = mapping(y, y.root(), "kustomize", file);
        if (kustomize == null) {
            y.put(y.root(), "kustomize", Map.of("images", List.of(value)));
            return;
        }
        Optional<Node> images = YamlText.get(kustomize, "images");
        if (images.isEmpty()) {
            y.put(kustomize, "images", List.of(value));
            return;
        }
        SequenceNode seq = sequence(images.get(), "kustomize.images", file);
        for (Node n : seq.getValue()) {
            if (n instanceof ScalarNode s && kustomizeName(s.getValue()).equals(c.kustomizeName())) {
                y.setScalar(s, value);
                return;
            }
        }
        y.append(seq, value);
    }

    private static void setParameter(YamlText y, String name, String value, String file) {
        MappingNode helm = mapping(y, y.root(), "helm", file);
        Map<String, Object> param = new LinkedHashMap<>();
        param.put("name", name);
        param.put("value", value);
        param.put("forcestring", true);
        if (helm == null) {
            y.put(y.root(), "helm", Map.of("parameters", List.of(param)));
            return;
        }
        Optional<Node> params = YamlText.get(helm, "parameters");
        if (params.isEmpty()) {
            y.put(helm, "parameters", List.of(param));
            return;
        }
        SequenceNode seq = sequence(params.get(), "helm.parameters", file);
        int index = -1;
        for (int i = 0; i < seq.getValue().size(); i++) {
            if (seq.getValue().get(i) instanceof MappingNode m
                    && name.equals(YamlText.get(m, "name").map(YamlText::scalar).orElse(null))) {
                index = i;
            }
        }
        if (index < 0) {
            y.append(seq, param);
            return;
        }
        for (String key : List.of("value", "forcestring")) {
            MappingNode helmNow = mapping(y, y.root(), "helm", file);
            MappingNode m = (MappingNode) sequence(YamlText.get(helmNow, "parameters").orElseThrow(),
                    "helm.parameters", file).getValue().get(index);
            setOrPut(y, m, key, param.get(key), file);
        }
    }

    private static void setOrPut(YamlText y, MappingNode m, String key, Object value, String file) {
        Optional<Node> v = YamlText.get(m, key);
        if (v.isEmpty()) {
            y.put(m, key, value);
        } else if (v.get() instanceof ScalarNode s) {
            if (!(value instanceof String) && String.valueOf(value).equals(s.getValue())) {
                return;
            }
            y.setScalar(s, value);
        } else {
            throw new ImageUpdateException(file + ": '" + key + "' is not a scalar");
        }
    }

    /** The mapping under {@code key}, null when absent; an error when it is something else. */
    private static MappingNode mapping(YamlText y, MappingNode parent, String key, String file) {
        Optional<Node> n = YamlText.get(parent, key);
        if (n.isEmpty()) {
            return null;
        }
        if (!(n.get() instanceof MappingNode m)) {
            throw new ImageUpdateException(file + ": '" + key + "' is not a mapping");
        }
        return m;
    }

    private static SequenceNode sequence(Node n, String what, String file) {
        if (!(n instanceof SequenceNode s)) {
            throw new ImageUpdateException(file + ": '" + what + "' is not a list");
        }
        return s;
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
}
