package io.jenkins.plugins.gitops.engine.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Argo CD documents ({@code Application}, {@code AppProject}, {@code ApplicationSet}) from YAML text or files.
 * Every error names the file and either the line (YAML syntax) or the field path (content); a file with any invalid
 * document yields no documents at all.
 */
public final class ArgoDocuments {

    public static final String API_VERSION = "argoproj.io/v1alpha1";

    private final List<Application> applications;
    private final List<AppProject> projects;
    private final List<ApplicationSet> applicationSets;

    private ArgoDocuments(List<Application> a, List<AppProject> p, List<ApplicationSet> s) {
        this.applications = List.copyOf(a);
        this.projects = List.copyOf(p);
        this.applicationSets = List.copyOf(s);
    }

    public List<Application> applications() {
        return applications;
    }

    public List<AppProject> projects() {
        return projects;
    }

    public List<ApplicationSet> applicationSets() {
        return applicationSets;
    }

    /**
     * Largest Argo CD document file read: a Kubernetes object is at most about 1.5 MB (etcd's request limit), so a file
     * of many Applications fits comfortably; anything larger is refused before it is parsed.
     */
    /** Kubernetes' limit for object names (a DNS-1123 subdomain). */
    static final int MAX_NAME = 253;

    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    public static ArgoDocuments read(Path file) {
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ValidationException(file.toString(), "", "file of " + size + " bytes exceeds the limit of "
                        + MAX_FILE_BYTES + " bytes for Argo CD documents");
            }
            text = Files.readString(file);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ValidationException(file.toString(), "", "not valid UTF-8 text (documents must be UTF-8 encoded)");
        } catch (IOException e) {
            throw new ValidationException(file.toString(), "", "cannot read file: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Reads exactly one Application from a file (the common case of {@code -f app.yaml}). */
    public static Application readApplication(Path file) {
        return single(read(file), file.toString());
    }

    public static Application parseApplication(String yaml, String file) {
        return single(parse(yaml, file), file);
    }

    private static Application single(ArgoDocuments docs, String file) {
        if (docs.applications.size() != 1) {
            throw new ValidationException(file, "",
                    "expected exactly one Application, found " + docs.applications.size());
        }
        return docs.applications.get(0);
    }

    /** Parses a YAML stream of one or more Argo CD documents. */
    public static ArgoDocuments parse(String yaml, String file) {
        List<JsonNode> docs = new ArrayList<>();
        if (yaml.startsWith("\uFEFF")) {
            yaml = yaml.substring(1);
        }
        try (com.fasterxml.jackson.core.JsonParser p = Yaml.YAML.getFactory().createParser(yaml)) {
            boolean sharing = YamlTree.mayShare(yaml);
            com.fasterxml.jackson.core.JsonToken t;
            while ((t = p.nextToken()) != null) {
                JsonNode n = t == com.fasterxml.jackson.core.JsonToken.VALUE_NULL ? null
                        : sharing ? YamlTree.read(p) : Yaml.YAML.readTree(p);
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    docs.add(n);
                }
            }
        } catch (JsonProcessingException e) {
            throw new ValidationException(file, "", "invalid YAML" + at(e.getLocation()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ValidationException(file, "", "cannot read YAML: " + e.getMessage());
        }
        List<FieldError> errors = new ArrayList<>();
        List<Application> apps = new ArrayList<>();
        List<AppProject> projects = new ArrayList<>();
        List<ApplicationSet> sets = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            String prefix = docs.size() > 1 ? "[document " + (i + 1) + "] " : "";
            List<FieldError> docErrors = new ArrayList<>();
            readDocument(docs.get(i), file, docErrors, apps, projects, sets);
            docErrors.forEach(e -> errors.add(new FieldError(prefix + e.path(), e.message())));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(file, errors);
        }
        return new ArgoDocuments(apps, projects, sets);
    }

    private static String at(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 0 ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static void readDocument(JsonNode doc, String file, List<FieldError> errors, List<Application> apps,
            List<AppProject> projects, List<ApplicationSet> sets) {
        if (!doc.isObject()) {
            errors.add(new FieldError("", "a document must be a mapping"));
            return;
        }
        FieldReader root = FieldReader.root(doc, errors);
        String apiVersion = root.string("apiVersion", "");
        String kind = root.string("kind", "");
        if (!API_VERSION.equals(apiVersion)) {
            errors.add(new FieldError("apiVersion", "must be " + API_VERSION + ", not '" + apiVersion + "'"));
        }
        FieldReader meta = root.child("metadata");
        String name = meta.requiredString("name");
        if (name.length() > MAX_NAME) {
            errors.add(new FieldError("metadata.name", "must be at most " + MAX_NAME + " characters, not "
                    + name.length() + ": " + name.substring(0, 40) + "..."));
        } else if (!name.isEmpty() && !name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
            errors.add(new FieldError("metadata.name", "must be a DNS-1123 name (lower case letters, digits, '-', '.'): "
                    + name));
        }
        String namespace = meta.string("namespace", "argocd");
        switch (kind) {
            case Application.KIND -> apps.add(readApplication(root, meta, name, namespace, file));
            case AppProject.KIND -> projects.add(AppProject.read(root, name, file));
            case ApplicationSet.KIND -> sets.add(ApplicationSet.read(root, name, namespace, file));
            default -> errors.add(new FieldError("kind",
                    "must be Application, AppProject or ApplicationSet, not '" + kind + "'"));
        }
    }

    private static Application readApplication(FieldReader root, FieldReader meta, String name, String namespace,
            String file) {
        FieldReader spec = root.child("spec");
        if (!spec.present()) {
            spec.error("spec", "is required");
        }
        List<ApplicationSource> sources;
        boolean multi = spec.node().has("sources") && !spec.node().get("sources").isNull();
        if (multi) {
            sources = spec.list("sources", ApplicationSource::read);
            if (spec.node().has("source") && !spec.node().get("source").isNull()) {
                spec.error("spec", "source and sources are mutually exclusive");
            }
        } else {
            FieldReader s = spec.child("source");
            if (!s.present()) {
                if (spec.present()) {
                    spec.error("spec.source", "is required (or spec.sources)");
                }
                sources = List.of();
            } else {
                sources = List.of(ApplicationSource.read(s));
            }
        }
        if (multi && sources.isEmpty()) {
            spec.error("spec.sources", "must not be empty");
        }
        Destination destination = Destination.read(spec.child("destination"));
        SyncPolicy policy = SyncPolicy.read(spec.child("syncPolicy"));
        List<IgnoreDifference> ignores = spec.list("ignoreDifferences", IgnoreDifference::read);
        Integer limit = spec.integer("revisionHistoryLimit", Application.DEFAULT_HISTORY_LIMIT);
        if (limit != null && limit < 0) {
            spec.error("spec.revisionHistoryLimit", "must not be negative");
        }
        Map<String, String> labels = meta.stringMap("labels");
        Map<String, String> annotations = meta.stringMap("annotations");
        return new Application(name, namespace, spec.string("project", "default").isEmpty() ? "default"
                : spec.string("project", "default"), labels, annotations,
                sources.isEmpty() ? List.of(emptySource()) : sources, multi, destination, policy, ignores,
                limit == null ? Application.DEFAULT_HISTORY_LIMIT : limit, file);
    }

    private static ApplicationSource emptySource() {
        return new ApplicationSource("", "", "", "", "", DirectorySource.DEFAULT, HelmSource.DEFAULT,
                KustomizeSource.DEFAULT, "");
    }
}
