package io.jenkins.plugins.gitops.engine.sync.hook;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads comma separated annotation values the way gitops-engine's {@code resource.GetAnnotationCSVs} does: items are
 * trimmed, empty items dropped and duplicates removed, keeping the first occurrence's position.
 */
public final class AnnotationCsv {

    private AnnotationCsv() {}

    /** The items of an annotation value; empty when the annotation is absent. */
    public static List<String> values(KubeObject object, String annotation) {
        return split(object.annotation(annotation));
    }

    /** The items of a comma separated text; empty for null. */
    public static List<String> split(String text) {
        if (text == null) {
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String item : text.split(",")) {
            String value = item.trim();
            if (!value.isEmpty()) {
                seen.add(value);
            }
        }
        return List.copyOf(new ArrayList<>(seen));
    }

    /** How an object is named in error messages: its identity and, when known, the file it came from. */
    public static String describe(KubeObject object) {
        String where = object.source().isEmpty() ? "" : " (" + object.source() + ")";
        return object.key() + where;
    }
}
