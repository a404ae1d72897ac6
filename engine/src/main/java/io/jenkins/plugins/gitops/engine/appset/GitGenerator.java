package io.jenkins.plugins.gitops.engine.appset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import io.jenkins.plugins.gitops.engine.project.Glob;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The git generator, as Argo CD's {@code git.go}.
 *
 * <p>{@code directories}: every directory of the repository matched by an entry's {@code path} (a glob where
 * {@code *} stays within one segment) and by no {@code exclude: true} entry (exclusion wins whatever the order).
 * Parameters: {@code path}, {@code path.basename}, {@code path.basenameNormalized}, {@code path[n]} per segment.
 *
 * <p>{@code files}: every file matched by an include glob and no exclude glob, read as YAML or JSON; a mapping gives
 * one parameter set, a list of mappings one per element. Plain templates see the content flattened to dotted keys
 * ({@code cluster.address}); Go templates see it nested. Both also get {@code path} (the file's directory),
 * {@code path.basename}, {@code path.filename}, {@code path.basenameNormalized}, {@code path.filenameNormalized} and
 * {@code path[n]} (Go: {@code path.segments}). {@code pathParamPrefix} puts all of these under a prefix.
 */
final class GitGenerator implements Generator {

    @Override
    public List<Map<String, Object>> generate(JsonNode spec, GeneratorContext context, String path) {
        if (spec == null || !spec.isObject()) {
            throw new GeneratorException(path, "must be a mapping with repoURL and directories or files");
        }
        String repo = spec.path("repoURL").asText("");
        if (repo.isBlank()) {
            throw new GeneratorException(path + ".repoURL", "is required");
        }
        String revision = spec.path("revision").asText("");
        revision = revision.isBlank() ? "HEAD" : revision;
        String prefix = spec.path("pathParamPrefix").asText("");
        boolean dirs = spec.path("directories").size() > 0;
        boolean files = spec.path("files").size() > 0;
        if (dirs == files) {
            throw new GeneratorException(path, "exactly one of directories or files must be given");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        try {
            if (dirs) {
                List<String> all = context.repositories().directories(repo, revision);
                for (String dir : select(spec.get("directories"), all, path + ".directories")) {
                    out.add(directoryParams(dir, prefix, context.goTemplate()));
                }
            } else {
                for (String file : matchingFiles(spec.get("files"), context, repo, revision, path + ".files")) {
                    out.addAll(fileParams(file, context.repositories().read(repo, revision, file), prefix,
                            context.goTemplate(), path));
                }
            }
        } catch (GeneratorException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new GeneratorException(path, "cannot read " + repo + " at " + revision + ": " + e.getMessage(), e);
        }
        for (Map<String, Object> p : out) {
            context.appendValues(spec.get("values"), p, path);
        }
        return out;
    }

    private record Entry(String path, boolean exclude) {}

    private static List<Entry> entries(JsonNode list, String at) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String p = list.get(i).path("path").asText("");
            if (p.isBlank()) {
                throw new GeneratorException(at + "[" + i + "].path", "is required");
            }
            out.add(new Entry(p, list.get(i).path("exclude").asBoolean(false)));
        }
        return out;
    }

    private static List<String> select(JsonNode list, List<String> all, String at) {
        List<Entry> entries = entries(list, at);
        List<Glob> include = new ArrayList<>();
        List<Glob> exclude = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            try {
                Glob g = Glob.compile(entries.get(i).path(), "/");
                (entries.get(i).exclude() ? exclude : include).add(g);
            } catch (IllegalArgumentException e) {
                throw new GeneratorException(at + "[" + i + "].path", e.getMessage());
            }
        }
        return all.stream()
                .filter(d -> include.stream().anyMatch(g -> g.matches(d))
                        && exclude.stream().noneMatch(g -> g.matches(d)))
                .toList();
    }

    private static Set<String> matchingFiles(JsonNode list, GeneratorContext context, String repo, String revision,
            String at) {
        Set<String> files = new TreeSet<>();
        Set<String> excluded = new LinkedHashSet<>();
        for (Entry e : entries(list, at)) {
            (e.exclude() ? excluded : files).addAll(context.repositories().files(repo, revision, e.path()));
        }
        files.removeAll(excluded);
        return files;
    }

    private static Map<String, Object> directoryParams(String dir, String prefix, boolean go) {
        Map<String, Object> params = new LinkedHashMap<>();
        String base = basename(dir);
        if (go) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("path", dir);
            p.put("basename", base);
            p.put("basenameNormalized", Names.sanitize(base));
            p.put("segments", new ArrayList<Object>(Arrays.asList(dir.split("/"))));
            putPrefixed(params, prefix, p);
        } else {
            String name = prefix.isEmpty() ? "path" : prefix + ".path";
            params.put(name, dir);
            params.put(name + ".basename", base);
            params.put(name + ".basenameNormalized", Names.sanitize(base));
            putSegments(params, name, dir);
        }
        return params;
    }

    private static List<Map<String, Object>> fileParams(String file, byte[] content, String prefix, boolean go,
            String at) {
        List<Map<String, Object>> objects = parse(file, content, at);
        String dir = file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : ".";
        String filename = basename(file);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            Map<String, Object> params = new LinkedHashMap<>();
            if (go) {
                params.putAll(object);
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("path", dir);
                p.put("basename", basename(dir));
                p.put("filename", filename);
                p.put("basenameNormalized", Names.sanitize(basename(dir)));
                p.put("filenameNormalized", Names.sanitize(filename));
                p.put("segments", new ArrayList<Object>(Arrays.asList(dir.split("/"))));
                putPrefixed(params, prefix, p);
            } else {
                params.putAll(ParamValues.flatten(object));
                String name = prefix.isEmpty() ? "path" : prefix + ".path";
                params.put(name, dir);
                params.put(name + ".basename", basename(dir));
                params.put(name + ".filename", filename);
                params.put(name + ".basenameNormalized", Names.sanitize(basename(dir)));
                params.put(name + ".filenameNormalized", Names.sanitize(filename));
                putSegments(params, name, dir);
            }
            out.add(params);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parse(String file, byte[] content, String at) {
        JsonNode tree;
        try {
            tree = Yaml.YAML.readTree(new String(content, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new GeneratorException(at, "unable to process file '" + file + "': invalid YAML/JSON"
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()) + ": "
                    + e.getOriginalMessage());
        }
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            return List.of(new LinkedHashMap<>());
        }
        if (tree.isObject()) {
            return List.of((Map<String, Object>) ParamValues.fromJson(tree));
        }
        if (tree.isArray()) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (int i = 0; i < tree.size(); i++) {
                if (!tree.get(i).isObject()) {
                    throw new GeneratorException(at, "unable to process file '" + file + "': element " + i
                            + " is not a mapping");
                }
                out.add((Map<String, Object>) ParamValues.fromJson(tree.get(i)));
            }
            return out;
        }
        throw new GeneratorException(at, "unable to process file '" + file + "': expected a mapping or a list of "
                + "mappings");
    }

    private static void putPrefixed(Map<String, Object> params, String prefix, Map<String, Object> pathParams) {
        if (prefix.isEmpty()) {
            params.put("path", pathParams);
        } else {
            params.put(prefix, new LinkedHashMap<>(Map.of("path", pathParams)));
        }
    }

    private static void putSegments(Map<String, Object> params, String name, String dir) {
        String[] segments = dir.split("/");
        for (int i = 0; i < segments.length; i++) {
            if (!segments[i].isEmpty()) {
                params.put(name + "[" + i + "]", segments[i]);
            }
        }
    }

    private static String basename(String p) {
        return p.contains("/") ? p.substring(p.lastIndexOf('/') + 1) : p;
    }
}
