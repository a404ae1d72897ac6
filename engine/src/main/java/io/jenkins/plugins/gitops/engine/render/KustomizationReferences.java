package io.jenkins.plugins.gitops.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.YamlTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks what a kustomization refers to before {@code kustomize build} runs, because kustomize itself would follow
 * it: remote bases ({@code https://...}, {@code git::...}, {@code github.com/org/repo//path?ref=...}) would be fetched
 * from the machine running the engine (the Jenkins controller), bypassing the AppProject's {@code sourceRepos} and
 * the engine's credentials and fetch rules; and local paths may climb out of the repository ({@code ../../..}) into
 * other checkouts or the host's files. Both are refused, naming the kustomization file, the field and the entry.
 * Nested kustomizations (directories listed in {@code resources}, {@code bases}, {@code components}) are checked
 * too.
 */
final class KustomizationReferences {

    /** Fields whose entries are paths or URLs kustomize loads. */
    private static final List<String> PATH_LISTS = List.of("resources", "bases", "components", "crds",
            "patchesStrategicMerge", "generators", "transformers", "validators", "configurations");

    private static final Pattern REMOTE = Pattern.compile("^(?i)([a-z][a-z0-9+.-]*://|git::|gh:|git@).*");
    /** kustomize's short form {@code github.com/org/repo//path?ref=v1}: remote unless such a local path exists. */
    private static final Pattern HOST_LIKE = Pattern.compile("^(?i)[a-z0-9-]+(\\.[a-z0-9-]+)+(:[0-9]+)?/[^/]+/[^/]+.*");

    private KustomizationReferences() {}

    /** Fails on the first remote or escaping reference reachable from the kustomization in {@code appDir}. */
    static void check(Path repoRoot, Path appDir) {
        Path root = real(repoRoot);
        check(root, real(appDir), new HashSet<>());
    }

    private static void check(Path root, Path dir, Set<Path> seen) {
        if (!seen.add(dir) || seen.size() > 1000) {
            return;
        }
        Path file = ToolDetector.kustomizationFile(dir);
        if (file == null) {
            return;
        }
        String display = display(root, file);
        JsonNode doc;
        try {
            doc = YamlTree.readTree(Files.readString(file));
        } catch (IOException e) {
            return; // kustomize reports unreadable or invalid kustomizations itself, naming the file
        }
        if (doc == null || !doc.isObject()) {
            return;
        }
        for (String field : PATH_LISTS) {
            for (String entry : strings(doc.get(field))) {
                Path target = checkEntry(root, dir, display, field, entry);
                if (target != null && Files.isDirectory(target)) {
                    check(root, real(target), seen);
                }
            }
        }
        JsonNode patches = doc.get("patches");
        if (patches != null && patches.isArray()) {
            for (JsonNode p : patches) {
                if (p.hasNonNull("path")) {
                    checkEntry(root, dir, display, "patches[].path", p.get("path").asText());
                }
            }
        }
        for (String generator : List.of("configMapGenerator", "secretGenerator")) {
            JsonNode gens = doc.get(generator);
            if (gens != null && gens.isArray()) {
                for (JsonNode g : gens) {
                    for (String list : List.of("files", "envs")) {
                        for (String entry : strings(g.get(list))) {
                            int eq = entry.indexOf('=');
                            checkEntry(root, dir, display, generator + "[]." + list,
                                    eq >= 0 ? entry.substring(eq + 1) : entry);
                        }
                    }
                    if (g.hasNonNull("env")) {
                        checkEntry(root, dir, display, generator + "[].env", g.get("env").asText());
                    }
                }
            }
        }
        JsonNode charts = doc.get("helmCharts");
        if (charts != null && charts.isArray()) {
            for (JsonNode c : charts) {
                if (c.hasNonNull("repo")) {
                    throw new RenderException(display + ": helmCharts[].repo '" + c.get("repo").asText()
                            + "' is a remote chart; kustomize would download it from this machine, outside the "
                            + "AppProject's sourceRepos. Vendor the chart into the repository");
                }
            }
        }
    }

    /** The local target of an entry (null for inline content), or an exception for remote and escaping ones. */
    private static Path checkEntry(Path root, Path dir, String display, String field, String entry) {
        String e = entry.strip();
        if (e.isEmpty() || e.contains("\n")) {
            return null; // inline patches and the like
        }
        if (REMOTE.matcher(e).matches() || HOST_LIKE.matcher(e).matches() && !Files.exists(dir.resolve(e))) {
            throw new RenderException(display + ": " + field + " entry '" + e + "' is a remote base; kustomize would "
                    + "fetch it from this machine, outside the AppProject's sourceRepos and the engine's Git rules. "
                    + "Vendor it into the repository or make it an Application source of its own");
        }
        Path target = dir.resolve(e).normalize();
        Path resolved = Files.exists(target) ? real(target) : target;
        if (!target.startsWith(root) || !resolved.startsWith(root)) {
            throw new RenderException(display + ": " + field + " entry '" + e + "' leaves the repository");
        }
        return resolved;
    }

    private static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(n -> {
                if (n.isTextual()) {
                    out.add(n.asText());
                }
            });
        }
        return out;
    }

    private static String display(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
