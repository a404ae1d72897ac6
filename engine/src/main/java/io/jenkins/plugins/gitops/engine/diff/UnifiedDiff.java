package io.jenkins.plugins.gitops.engine.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff (java-diff-utils) from the live view to the desired view, headed with the resource name:
 * {@code --- live apps/Deployment default/web} and {@code +++ git apps/Deployment default/web}. Lines starting with
 * {@code -} are in the cluster, lines with {@code +} are what Git wants.
 *
 * <p>When the two YAML texts are identical (or look identical) but fields still differ, the diff does not end up
 * empty or baffling: a trailing comment block lists the differing fields and why.
 */
final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {}

    static String render(String resource, String liveYaml, String desiredYaml, List<FieldDifference> differences,
            boolean liveExists, boolean desiredExists) {
        List<String> live = lines(liveYaml);
        List<String> desired = lines(desiredYaml);
        Patch<String> patch = DiffUtils.diff(live, desired);
        String from = "live " + resource + (liveExists ? "" : " (not in the cluster)");
        String to = "git " + resource + (desiredExists ? "" : " (not in Git)");
        List<String> out = new ArrayList<>();
        if (!patch.getDeltas().isEmpty()) {
            out.addAll(UnifiedDiffUtils.generateUnifiedDiff(from, to, live, patch, CONTEXT));
        }
        List<String> notes = notes(differences, patch.getDeltas().isEmpty());
        if (!notes.isEmpty()) {
            if (out.isEmpty()) {
                out.add("--- " + from);
                out.add("+++ " + to);
            }
            out.addAll(notes);
        }
        return out.isEmpty() ? "" : String.join("\n", out) + "\n";
    }

    /** Explanations a reader cannot get from the YAML lines themselves. */
    private static List<String> notes(List<FieldDifference> differences, boolean yamlIdentical) {
        List<String> notes = new ArrayList<>();
        if (yamlIdentical && !differences.isEmpty()) {
            notes.add("# The normalised YAML is identical, but these fields differ:");
            differences.forEach(d -> notes.add("#   " + d));
            return notes;
        }
        for (FieldDifference d : differences) {
            if (d.detail().contains("look identical")) {
                notes.add("# " + d);
            }
        }
        return notes;
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return List.of(body.split("\n", -1));
    }
}
