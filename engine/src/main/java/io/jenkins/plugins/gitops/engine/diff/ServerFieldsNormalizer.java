package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import java.util.List;

/**
 * Drops what the API server (or our own bookkeeping) writes and nobody declares: server-populated metadata, the
 * client-side apply annotation, {@code status} unless status comparison is on, and our tracking annotation when Git
 * does not carry it. Applied to both sides, so exported manifests that contain such fields compare cleanly too.
 */
final class ServerFieldsNormalizer implements Normalizer {

    /** metadata fields the API server populates (gitops-engine's Normalize and remarshal drop the same ones). */
    static final List<String> SERVER_METADATA = List.of(
            "managedFields",
            "resourceVersion",
            "uid",
            "generation",
            "creationTimestamp",
            "selfLink",
            "deletionGracePeriodSeconds",
            "deletionTimestamp");

    /** Annotations written by tools at apply time rather than declared by users. */
    static final List<String> TOOL_ANNOTATIONS = List.of(AnnotationNames.LAST_APPLIED);

    private final boolean compareStatus;

    ServerFieldsNormalizer(boolean compareStatus) {
        this.compareStatus = compareStatus;
    }

    @Override
    public void normalize(ResourcePair pair) {
        pair.eachSide(this::strip);
        dropTrackingIdUnlessDeclared(pair);
    }

    private void strip(ObjectNode obj) {
        if (!compareStatus) {
            obj.remove("status");
        }
        if (obj.get("metadata") instanceof ObjectNode meta) {
            meta.remove(SERVER_METADATA);
            if (meta.get("annotations") instanceof ObjectNode ann) {
                ann.remove(TOOL_ANNOTATIONS);
                removeIfEmpty(meta, "annotations");
            }
        }
    }

    /**
     * The tracking id is written by the sync, not by the user; when the desired object has not been stamped with it
     * yet, the live copy must not count as drift.
     */
    private static void dropTrackingIdUnlessDeclared(ResourcePair pair) {
        if (pair.live() == null || pair.desired() == null) {
            return; // an extraneous object keeps it: it is why the object counts as tracked
        }
        JsonNode declared = pair.desired().at("/metadata/annotations").get(AnnotationNames.TRACKING_ID);
        if (declared == null && pair.live().get("metadata") instanceof ObjectNode meta
                && meta.get("annotations") instanceof ObjectNode ann) {
            ann.remove(AnnotationNames.TRACKING_ID);
            removeIfEmpty(meta, "annotations");
        }
    }

    private static void removeIfEmpty(ObjectNode parent, String field) {
        if (parent.get(field) != null && parent.get(field).isEmpty()) {
            parent.remove(field);
        }
    }
}
