package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reading list-element keys of Kubernetes' {@code fieldsV1} notation ({@code metadata.managedFields}) for code
 * outside this package: {@code k:{"name":"web"}} names a map-list element by its key fields (a key field the element
 * omits is compared with its server default, {@code protocol: TCP}), {@code v:"value"} a member of a set and
 * {@code i:2} a list position. The same matching the diff uses to decide what our field manager owns.
 */
public final class ManagedFieldKeys {

    private ManagedFieldKeys() {}

    /**
     * Does the fieldsV1 entry key name this live list element?
     *
     * @param entryKey    a key of a fieldsV1 node under a list, e.g. {@code k:{"containerPort":80,"protocol":"TCP"}}
     * @param liveElement the element of the live list
     * @param index       its position in the live list
     * @return false for field keys ({@code f:...}), {@code .} and unreadable JSON
     */
    public static boolean names(String entryKey, JsonNode liveElement, int index) {
        return entryKey != null && liveElement != null && FieldSet.names(entryKey, liveElement, index);
    }
}
