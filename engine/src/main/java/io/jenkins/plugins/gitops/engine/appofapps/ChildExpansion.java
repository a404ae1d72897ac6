package io.jenkins.plugins.gitops.engine.appofapps;

import io.jenkins.plugins.gitops.engine.appset.Generated;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ApplicationSet;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a parent's child documents into {@link ChildApplication}s, and walks the tree below a parent to find
 * cycles (an application that, through its children, renders itself) before anything is applied.
 */
public final class ChildExpansion {

    /** How deep app-of-apps trees may nest; deeper is refused like a cycle (it almost certainly is one). */
    public static final int MAX_DEPTH = 10;

    /** Renders an application and returns its child documents (Application and ApplicationSet objects). */
    @FunctionalInterface
    public interface Renderer {
        List<KubeObject> childDocuments(Application app);
    }

    /** Generates an ApplicationSet's Applications, as the ApplicationSet controller would now. */
    @FunctionalInterface
    public interface Generator {
        Generated generate(ApplicationSet set);
    }

    private final Renderer renderer;
    private final Generator generator;

    public ChildExpansion(Renderer renderer, Generator generator) {
        this.renderer = renderer;
        this.generator = generator;
    }

    /**
     * The direct children of {@code parent} from its child documents, in document order. A document that is not a
     * valid Application or ApplicationSet, or two children with one name, is an error naming the parent's file.
     */
    public List<ChildApplication> children(Application parent, List<KubeObject> documents) {
        Map<String, ChildApplication> out = new LinkedHashMap<>();
        for (KubeObject doc : documents) {
            String where = doc.source().isEmpty() ? parent.name() : doc.source();
            ArgoDocuments parsed;
            try {
                parsed = ArgoDocuments.parse(Yaml.write(doc.node()), where);
            } catch (io.jenkins.plugins.gitops.engine.model.ValidationException e) {
                throw new IllegalArgumentException("application '" + parent.name() + "': invalid child application "
                        + "in " + e.getMessage(), e);
            }
            for (Application a : parsed.applications()) {
                add(out, parent, new ChildApplication(a, parent.name(), where, ChildApplication.cascadeOf(doc.node()),
                        ChildApplication.hash(doc.node()), Yaml.write(doc.node())));
            }
            for (ApplicationSet set : parsed.applicationSets()) {
                for (Generated.GeneratedApplication g : generator.generate(set).applications()) {
                    add(out, parent, new ChildApplication(g.application(), parent.name(),
                            where + " (ApplicationSet " + set.name() + ")", ChildApplication.cascadeOf(g.document()),
                            ChildApplication.hash(g.document()), Yaml.write(g.document())));
                }
            }
        }
        return List.copyOf(out.values());
    }

    private static void add(Map<String, ChildApplication> out, Application parent, ChildApplication child) {
        ChildApplication before = out.putIfAbsent(child.name(), child);
        if (before != null) {
            throw new IllegalArgumentException("application '" + parent.name() + "': child application '"
                    + child.name() + "' is rendered twice (" + before.source() + ", " + child.source() + ")");
        }
    }

    /**
     * Walks every application below {@code root} (whose own child documents are {@code documents}) and fails with
     * one line naming the cycle, e.g. {@code application cycle: root -> a -> root}, when an application is its own
     * descendant, or when nesting exceeds {@link #MAX_DEPTH}. A child that cannot be rendered ends its branch: its
     * own sync reports that.
     */
    public void checkTree(Application root, List<KubeObject> documents) {
        List<String> path = new ArrayList<>();
        path.add(root.name());
        walk(children(root, documents), path);
    }

    private void walk(List<ChildApplication> children, List<String> path) {
        for (ChildApplication child : children) {
            if (path.contains(child.name())) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(child.name()), path.size()));
                cycle.add(child.name());
                throw new AppCycleException("application cycle: " + String.join(" -> ", cycle) + " (rendered by "
                        + child.source() + "); nothing was applied");
            }
            if (path.size() >= MAX_DEPTH) {
                throw new AppCycleException("application '" + path.get(0) + "': app-of-apps nesting deeper than "
                        + MAX_DEPTH + " levels (" + String.join(" -> ", path) + " -> " + child.name() + ")");
            }
            List<ChildApplication> grandChildren;
            try {
                grandChildren = children(child.application(), renderer.childDocuments(child.application()));
            } catch (AppCycleException e) {
                throw e;
            } catch (RuntimeException e) {
                continue; // the child's own comparison and sync report its rendering problem
            }
            path.add(child.name());
            walk(grandChildren, path);
            path.remove(path.size() - 1);
        }
    }

    /** A cycle (or runaway nesting) of applications rendering each other. */
    public static final class AppCycleException extends IllegalArgumentException {
        public AppCycleException(String message) {
            super(message);
        }
    }
}
