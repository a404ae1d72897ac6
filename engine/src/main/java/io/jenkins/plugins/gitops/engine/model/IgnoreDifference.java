package io.jenkins.plugins.gitops.engine.model;

import java.util.List;

/**
 * One {@code spec.ignoreDifferences} rule: fields to ignore on resources matching group/kind and, optionally,
 * name and namespace. Fields are named by JSON pointers, jq path expressions, or by the managedFields managers
 * that own them.
 */
public record IgnoreDifference(
        String group,
        String kind,
        String name,
        String namespace,
        List<String> jsonPointers,
        List<String> jqPathExpressions,
        List<String> managedFieldsManagers) {

    /** Does this rule apply to the resource? Empty name/namespace match anything; group "*"/kind "*" too. */
    public boolean matches(ResourceKey key) {
        return (group.equals("*") || group.equals(key.group()))
                && (kind.equals("*") || kind.equals(key.kind()))
                && (name.isEmpty() || name.equals(key.name()))
                && (namespace.isEmpty() || namespace.equals(key.namespace()));
    }

    static IgnoreDifference read(FieldReader r) {
        IgnoreDifference d = new IgnoreDifference(
                r.string("group", ""),
                r.requiredString("kind"),
                r.string("name", ""),
                r.string("namespace", ""),
                r.strings("jsonPointers"),
                r.strings("jqPathExpressions"),
                r.strings("managedFieldsManagers"));
        for (int i = 0; i < d.jsonPointers.size(); i++) {
            String p = d.jsonPointers.get(i);
            if (!p.isEmpty() && !p.startsWith("/")) {
                r.error(r.childPath("jsonPointers") + "[" + i + "]", "a JSON pointer must start with '/': " + p);
            }
        }
        return d;
    }
}
