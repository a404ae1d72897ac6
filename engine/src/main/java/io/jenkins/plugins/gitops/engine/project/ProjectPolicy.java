package io.jenkins.plugins.gitops.engine.project;

import io.jenkins.plugins.gitops.engine.model.AppProject;
import io.jenkins.plugins.gitops.engine.model.AppProject.GroupKind;
import io.jenkins.plugins.gitops.engine.model.AppProject.ProjectDestination;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ApplicationSource;
import io.jenkins.plugins.gitops.engine.model.Destination;
import io.jenkins.plugins.gitops.engine.model.FieldError;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.ValidationException;
import io.jenkins.plugins.gitops.engine.project.ProjectViolation.Violation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * Enforces one {@code AppProject} on an application and on the resources it renders, with Argo CD's rules
 * ({@code app_project_types.go}):
 * <ul>
 *   <li>sourceRepos: a repository is permitted when some pattern matches it; a {@code !pattern} that matches denies it
 *       whatever else matches (deny wins). As in Argo CD a {@code !pattern} that does not match counts as a match, so a
 *       list with a negation admits every repository it does not deny. URLs are normalised first
 *       ({@link RepoUrls}); {@code *} stops at {@code /}.
 *   <li>destinations: an entry matches when its server glob matches the destination server or its name glob matches
 *       the destination name, and its namespace glob matches the namespace; {@code !} negates a glob, and an entry
 *       whose negated glob rejects the destination vetoes it.
 *   <li>cluster-scoped kinds: permitted only when in clusterResourceWhitelist (empty means none) and not in
 *       clusterResourceBlacklist.
 *   <li>namespaced kinds: permitted when in namespaceResourceWhitelist (empty means all) and not in
 *       namespaceResourceBlacklist; their namespace must also be a permitted destination.
 * </ul>
 * Every glob of the project is compiled once; a malformed one is a {@link ValidationException} naming the field.
 */
public final class ProjectPolicy {

    private record CompiledDestination(Pattern server, Pattern name, Pattern namespace) {}

    private record CompiledGroupKind(Glob group, Glob kind) {
        boolean matches(String g, String k) {
            return group.matches(g) && kind.matches(k);
        }
    }

    /** A glob that may be negated with a leading {@code !}. */
    record Pattern(String raw, boolean deny, Glob glob) {
        static Pattern compile(String raw, String separators, boolean allowNegation) {
            boolean deny = allowNegation && raw.startsWith("!");
            return new Pattern(raw, deny, Glob.compile(deny ? raw.substring(1) : raw, separators));
        }

        /** Argo CD's globMatch: a negated pattern "matches" what its glob does not. */
        boolean matches(String value) {
            if (!deny && "*".equals(raw)) {
                return true;
            }
            return deny != glob.matches(value);
        }
    }

    private final AppProject project;
    private final List<Pattern> sourceRepos;
    private final List<CompiledDestination> destinations;
    private final List<CompiledGroupKind> clusterWhitelist;
    private final List<CompiledGroupKind> clusterBlacklist;
    private final List<CompiledGroupKind> namespaceWhitelist;
    private final List<CompiledGroupKind> namespaceBlacklist;

    private ProjectPolicy(AppProject project) {
        this.project = project;
        List<FieldError> errors = new ArrayList<>();
        this.sourceRepos = compileAll(project.sourceRepos(), "spec.sourceRepos", errors,
                r -> Pattern.compile(r.startsWith("!") ? "!" + RepoUrls.normalize(r.substring(1))
                        : RepoUrls.normalize(r), "/", true));
        List<CompiledDestination> dests = new ArrayList<>();
        for (int i = 0; i < project.destinations().size(); i++) {
            ProjectDestination d = project.destinations().get(i);
            String at = "spec.destinations[" + i + "].";
            Pattern server = compileOne(d.server(), at + "server", errors);
            Pattern name = compileOne(d.name(), at + "name", errors);
            Pattern ns = compileOne(d.namespace(), at + "namespace", errors);
            dests.add(new CompiledDestination(server, name, ns));
        }
        this.destinations = List.copyOf(dests);
        this.clusterWhitelist = groupKinds(project.clusterResourceWhitelist(), "spec.clusterResourceWhitelist", errors);
        this.clusterBlacklist = groupKinds(project.clusterResourceBlacklist(), "spec.clusterResourceBlacklist", errors);
        this.namespaceWhitelist = groupKinds(project.namespaceResourceWhitelist(), "spec.namespaceResourceWhitelist",
                errors);
        this.namespaceBlacklist = groupKinds(project.namespaceResourceBlacklist(), "spec.namespaceResourceBlacklist",
                errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(project.file(), errors);
        }
    }

    /** Compiles the project's rules; throws {@link ValidationException} naming any malformed glob's field. */
    public static ProjectPolicy of(AppProject project) {
        return new ProjectPolicy(project);
    }

    public AppProject project() {
        return project;
    }

    public String projectName() {
        return project.name();
    }

    /** Whether the project permits a source repository URL (sourceRepos, deny patterns win). */
    public boolean isSourcePermitted(String repoURL) {
        return sourceRefusal(repoURL) == null;
    }

    /** Whether the project permits deploying to a destination (server or name, and namespace). */
    public boolean isDestinationPermitted(Destination destination) {
        boolean anyMatched = false;
        boolean vetoed = false;
        for (CompiledDestination item : destinations) {
            boolean nameMatched = !destination.name().isEmpty() && item.name.matches(destination.name());
            boolean serverMatched = !destination.server().isEmpty() && item.server.matches(destination.server());
            boolean nsMatched = item.namespace.matches(destination.namespace());
            if ((serverMatched || nameMatched) && nsMatched) {
                anyMatched = true;
            } else if ((!nameMatched && item.name.deny) || (!serverMatched && item.server.deny)
                    || (!nsMatched && item.namespace.deny)) {
                vetoed = true;
            }
        }
        return anyMatched && !vetoed;
    }

    /** Whether a group/kind may be deployed; {@code namespaced} selects the namespace or the cluster lists. */
    public boolean isGroupKindPermitted(String group, String kind, boolean namespaced) {
        return groupKindRefusal(group, kind, namespaced) == null;
    }

    /** Every rule the application itself breaks (its sources and its destination); empty when permitted. */
    public List<Violation> applicationViolations(Application app) {
        List<Violation> out = new ArrayList<>();
        for (ApplicationSource source : app.sources()) {
            String refusal = sourceRefusal(source.repoURL());
            if (refusal != null) {
                out.add(new Violation(ProjectRule.SOURCE_REPOS, "application '" + app.name()
                        + "' may not use source repository '" + source.repoURL() + "': " + refusal));
            }
        }
        Destination d = app.destination();
        if (!isDestinationPermitted(d)) {
            out.add(new Violation(ProjectRule.DESTINATIONS, "application '" + app.name() + "' may not deploy to "
                    + "namespace '" + d.namespace() + "' on " + d.cluster() + ": not permitted by project '"
                    + project.name() + "' destinations"));
        }
        return out;
    }

    /** Throws a {@link ProjectViolation} listing every rule the application breaks. */
    public void checkApplication(Application app) {
        throwIfAny(applicationViolations(app));
    }

    /**
     * Every rule the application's rendered resources break. A namespaced resource without a namespace lands in the
     * application's destination namespace; its namespace must be a permitted destination too.
     *
     * @param clusterScoped decides, for each resource, whether its kind is cluster-scoped (API discovery knows)
     */
    public List<Violation> resourceViolations(Application app, Collection<ResourceKey> resources,
            Predicate<ResourceKey> clusterScoped) {
        List<Violation> out = new ArrayList<>();
        for (ResourceKey key : resources) {
            boolean namespaced = !clusterScoped.test(key);
            ProjectRule rule = groupKindRefusal(key.group(), key.kind(), namespaced);
            if (rule != null) {
                out.add(new Violation(rule, "resource " + describe(key) + " is not permitted in project '"
                        + project.name() + "' (" + rule.field() + ")"));
                continue;
            }
            if (namespaced) {
                String ns = key.namespace().isEmpty() ? app.destination().namespace() : key.namespace();
                Destination target = new Destination(app.destination().server(), app.destination().name(), ns);
                if (!isDestinationPermitted(target)) {
                    out.add(new Violation(ProjectRule.DESTINATIONS, "resource " + describe(key)
                            + " may not be deployed to namespace '" + ns + "' on " + target.cluster()
                            + ": not permitted by project '" + project.name() + "' destinations"));
                }
            }
        }
        return out;
    }

    /** Throws a {@link ProjectViolation} listing every resource the project does not permit. */
    public void checkResources(Application app, Collection<ResourceKey> resources,
            Predicate<ResourceKey> clusterScoped) {
        throwIfAny(resourceViolations(app, resources, clusterScoped));
    }

    private void throwIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new ProjectViolation(project.name(), violations);
        }
    }

    private String sourceRefusal(String repoURL) {
        String normalized = RepoUrls.normalize(repoURL);
        boolean anyMatched = false;
        for (Pattern p : sourceRepos) {
            if (p.matches(normalized)) {
                anyMatched = true;
            } else if (p.deny) {
                return "denied by project '" + project.name() + "' sourceRepos entry '" + p.raw + "'";
            }
        }
        return anyMatched ? null : "not permitted by project '" + project.name() + "' sourceRepos";
    }

    private ProjectRule groupKindRefusal(String group, String kind, boolean namespaced) {
        if (namespaced) {
            if (!namespaceWhitelist.isEmpty() && !inList(namespaceWhitelist, group, kind)) {
                return ProjectRule.NAMESPACE_RESOURCE_WHITELIST;
            }
            return inList(namespaceBlacklist, group, kind) ? ProjectRule.NAMESPACE_RESOURCE_BLACKLIST : null;
        }
        if (!inList(clusterWhitelist, group, kind)) {
            return ProjectRule.CLUSTER_RESOURCE_WHITELIST;
        }
        return inList(clusterBlacklist, group, kind) ? ProjectRule.CLUSTER_RESOURCE_BLACKLIST : null;
    }

    private static boolean inList(List<CompiledGroupKind> list, String group, String kind) {
        return list.stream().anyMatch(gk -> gk.matches(group, kind));
    }

    /** {@code rbac.authorization.k8s.io/ClusterRole cluster-admin} or {@code apps/Deployment ns/web}. */
    private static String describe(ResourceKey key) {
        return (key.group().isEmpty() ? key.kind() : key.group() + "/" + key.kind()) + " "
                + (key.namespace().isEmpty() ? key.name() : key.namespace() + "/" + key.name());
    }

    private static Pattern compileOne(String raw, String field, List<FieldError> errors) {
        try {
            return Pattern.compile(raw, "", true);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return Pattern.compile("!*", "", true);
        }
    }

    private static List<Pattern> compileAll(List<String> raws, String field, List<FieldError> errors,
            java.util.function.Function<String, Pattern> compiler) {
        List<Pattern> out = new ArrayList<>();
        for (int i = 0; i < raws.size(); i++) {
            try {
                out.add(compiler.apply(raws.get(i)));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field + "[" + i + "]", e.getMessage()));
            }
        }
        return List.copyOf(out);
    }

    private static List<CompiledGroupKind> groupKinds(List<GroupKind> list, String field, List<FieldError> errors) {
        List<CompiledGroupKind> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            GroupKind gk = list.get(i);
            try {
                out.add(new CompiledGroupKind(Glob.compile(gk.group(), "/"), Glob.compile(gk.kind(), "/")));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field + "[" + i + "]", e.getMessage()));
            }
        }
        return List.copyOf(out);
    }
}
