package io.jenkins.plugins.gitops.engine.appofapps;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Tells child application documents ({@code argoproj.io} Application or ApplicationSet) from cluster resources. */
public final class ChildDocuments {

    /** The group and the kinds that become child applications rather than cluster resources. */
    public static final String GROUP = "argoproj.io";
    static final Set<String> KINDS = Set.of("Application", "ApplicationSet");

    private ChildDocuments() {}

    public static boolean isChild(KubeObject o) {
        return isChildKind(o.group(), o.kind());
    }

    public static boolean isChildKind(String group, String kind) {
        return GROUP.equals(group) && KINDS.contains(kind);
    }

    /** The objects, split into child documents and resources, each in the order rendered. */
    public static Split split(List<KubeObject> objects) {
        List<KubeObject> children = new ArrayList<>();
        List<KubeObject> resources = new ArrayList<>();
        for (KubeObject o : objects) {
            (isChild(o) ? children : resources).add(o);
        }
        return new Split(children, resources);
    }

    /** Child documents and the resources that go to the cluster. */
    public record Split(List<KubeObject> children, List<KubeObject> resources) {
        public Split {
            children = List.copyOf(children);
            resources = List.copyOf(resources);
        }
    }
}
