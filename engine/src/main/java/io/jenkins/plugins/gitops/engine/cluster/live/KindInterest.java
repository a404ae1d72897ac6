package io.jenkins.plugins.gitops.engine.cluster.live;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who needs which kind watched: a set of owners (usually application names) per kind. A kind is needed while it has
 * at least one owner; child kinds are needed while anybody needs anything. Not thread-safe: the cache guards it.
 */
final class KindInterest {

    private final Map<GroupVersionKind, Set<String>> ownersByKind = new HashMap<>();

    void add(String owner, GroupVersionKind kind) {
        ownersByKind.computeIfAbsent(Objects.requireNonNull(kind, "kind"), k -> new HashSet<>()).add(check(owner));
    }

    void remove(String owner, GroupVersionKind kind) {
        Set<String> owners = ownersByKind.get(kind);
        if (owners != null) {
            owners.remove(owner);
            if (owners.isEmpty()) {
                ownersByKind.remove(kind);
            }
        }
    }

    /** Makes {@code kinds} exactly the kinds {@code owner} needs. */
    void replace(String owner, Collection<GroupVersionKind> kinds) {
        removeOwner(owner);
        kinds.forEach(k -> add(owner, k));
    }

    void removeOwner(String owner) {
        for (GroupVersionKind kind : Set.copyOf(ownersByKind.keySet())) {
            remove(owner, kind);
        }
    }

    Set<GroupVersionKind> kindsOf(String owner) {
        Set<GroupVersionKind> out = new TreeSet<>();
        ownersByKind.forEach((kind, owners) -> {
            if (owners.contains(owner)) {
                out.add(kind);
            }
        });
        return out;
    }

    /** Kinds that must be watched: every owned kind, plus {@code childKinds} while anything is owned. */
    Set<GroupVersionKind> needed(Set<GroupVersionKind> childKinds) {
        Set<GroupVersionKind> out = new TreeSet<>(ownersByKind.keySet());
        if (!out.isEmpty()) {
            out.addAll(childKinds);
        }
        return out;
    }

    private static String check(String owner) {
        if (owner == null || owner.isEmpty()) {
            throw new IllegalArgumentException("an interest needs an owner (the application name)");
        }
        return owner;
    }
}
