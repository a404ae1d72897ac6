package io.jenkins.plugins.gitops.engine.cluster.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jenkins.plugins.gitops.engine.cluster.ListedItem;
import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Conversions between fabric8's generic resources and {@link KubeObject}, and the metadata reads both need. */
final class LiveObjects {

    private LiveObjects() {}

    /**
     * The object as a Jackson tree, unchanged except that {@code apiVersion} and {@code kind} are filled in from the
     * listed kind when the server left them out (list items may omit them).
     */
    static KubeObject toKubeObject(KubernetesSerialization serialization, GenericKubernetesResource r,
            GroupVersionKind gvk) {
        return toKubeObject(serialization.convertValue(r, ObjectNode.class), gvk);
    }

    /** As above, for an item of a list read as plain JSON. */
    static KubeObject toKubeObject(ObjectNode item, GroupVersionKind gvk) {
        return ListedItem.of(item, gvk.apiVersion(), gvk.kind());
    }

    /** Identity of a served object of a known kind (the kind comes from what was listed, not from the item). */
    static ResourceKey keyOf(HasMetadata r, GroupVersionKind gvk) {
        ObjectMeta m = r.getMetadata();
        return new ResourceKey(gvk.group(), gvk.kind(), m == null ? "" : m.getNamespace(), m == null ? "" : m.getName());
    }

    static String uid(HasMetadata r) {
        return r.getMetadata() == null || r.getMetadata().getUid() == null ? "" : r.getMetadata().getUid();
    }

    static String resourceVersion(HasMetadata r) {
        return r.getMetadata() == null ? null : r.getMetadata().getResourceVersion();
    }

    static String annotation(HasMetadata r, String name) {
        Map<String, String> a = r.getMetadata() == null ? null : r.getMetadata().getAnnotations();
        return a == null ? null : a.get(name);
    }

    static String label(HasMetadata r, String name) {
        Map<String, String> l = r.getMetadata() == null ? null : r.getMetadata().getLabels();
        return l == null ? null : l.get(name);
    }

    static List<String> ownerUids(HasMetadata r) {
        List<OwnerReference> refs = r.getMetadata() == null ? null : r.getMetadata().getOwnerReferences();
        if (refs == null || refs.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(refs.size());
        for (OwnerReference ref : refs) {
            if (ref.getUid() != null && !ref.getUid().isEmpty()) {
                out.add(ref.getUid());
            }
        }
        return out;
    }

    /** UIDs named by {@code metadata.ownerReferences} of a tree. */
    static List<String> ownerUids(KubeObject o) {
        JsonNode refs = o.metadata().get("ownerReferences");
        if (refs == null || !refs.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode ref : refs) {
            String uid = textOf(ref.get("uid"));
            if (!uid.isEmpty()) {
                out.add(uid);
            }
        }
        return out;
    }

    /** The {@code argocd.argoproj.io/tracking-id} annotation, or null. */
    static String trackingAnnotation(HasMetadata r) {
        return annotation(r, AnnotationNames.TRACKING_ID);
    }

    /** The {@code app.kubernetes.io/instance} label, or null. */
    static String instanceLabel(HasMetadata r) {
        return label(r, AnnotationNames.INSTANCE_LABEL);
    }

    private static String textOf(JsonNode n) {
        return n == null || n.isNull() ? "" : n.asText();
    }
}
