package io.jenkins.plugins.gitops.engine.project;

import static io.jenkins.plugins.gitops.engine.project.ProjectFixtures.app;
import static io.jenkins.plugins.gitops.engine.project.ProjectFixtures.project;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.AppProject;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.Destination;
import io.jenkins.plugins.gitops.engine.model.FieldError;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.ValidationException;
import io.jenkins.plugins.gitops.engine.project.ProjectViolation.Violation;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProjectPolicyTest {

    private static final String IN_CLUSTER = Destination.IN_CLUSTER;
    private static final Set<String> CLUSTER_KINDS = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PodSecurityPolicy");
    private static final Predicate<ResourceKey> CLUSTER_SCOPED = k -> CLUSTER_KINDS.contains(k.kind());

    private final ProjectPolicy teamA = ProjectPolicy.of(project("team-a.yaml"));

    @ParameterizedTest
    @CsvSource({
        "https://github.com/team-a/web, true",
        "https://GitHub.com/team-a/web.git, true",
        // as in Argo CD a negated entry also admits whatever it does not deny, so with one in the list these pass:
        "https://github.com/team-a/web/sub, true",
        "https://github.com/team-b/web, true",
        "https://github.com/team-a/secret-keys, false", // the negated entry wins over team-a/*
        "ssh://git@github.com/shared/charts, true", // ssh forms normalise alike
    })
    void sourceReposWithNegation(String repo, boolean permitted) {
        assertThat(teamA.isSourcePermitted(repo)).isEqualTo(permitted);
    }

    @Test
    void deniedSourceNamesTheDenyingEntry() {
        Application app = app("vault", "https://github.com/team-a/secret-keys", IN_CLUSTER, "team-a-vault");
        assertThat(teamA.applicationViolations(app)).containsExactly(new Violation(ProjectRule.SOURCE_REPOS,
                "application 'vault' may not use source repository 'https://github.com/team-a/secret-keys': denied "
                        + "by project 'team-a' sourceRepos entry '!https://github.com/team-a/secret-*'"));
    }

    @Test
    void withoutNegationOnlyListedReposPass() {
        AppProject p = new AppProject("p", List.of("https://github.com/org/*"), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), "p.yaml");
        ProjectPolicy policy = ProjectPolicy.of(p);
        assertThat(policy.isSourcePermitted("https://github.com/org/repo.git")).isTrue();
        assertThat(policy.isSourcePermitted("https://github.com/org/a/b")).isFalse(); // '*' stops at '/'
        Application app = app("web", "https://github.com/other/web", IN_CLUSTER, "team-a-web");
        assertThat(policy.applicationViolations(app)).filteredOn(v -> v.rule() == ProjectRule.SOURCE_REPOS)
                .extracting(Violation::message).containsExactly(
                "application 'web' may not use source repository 'https://github.com/other/web': not permitted by "
                        + "project 'p' sourceRepos");
    }

    @Test
    void negationAloneAllowsEverythingElseAsInArgoCd() {
        AppProject p = new AppProject("p", List.of("!https://github.com/evil/*"), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), "p.yaml");
        ProjectPolicy policy = ProjectPolicy.of(p);
        assertThat(policy.isSourcePermitted("https://github.com/good/repo")).isTrue();
        assertThat(policy.isSourcePermitted("https://github.com/evil/repo")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "https://kubernetes.default.svc, team-a-web, true",
        "https://kubernetes.default.svc, kube-system, false",
        "https://other.example.com, team-a-web, false",
        "staging-eu, anything, true", // by cluster name glob
        "production, team-a-web, false",
    })
    void destinationGlobs(String cluster, String namespace, boolean permitted) {
        Destination d = cluster.startsWith("https://") ? new Destination(cluster, "", namespace)
                : new Destination("", cluster, namespace);
        assertThat(teamA.isDestinationPermitted(d)).isEqualTo(permitted);
    }

    @Test
    void forbiddenDestinationIsOneSentenceNamingAppNamespaceClusterAndProject() {
        Application app = app("web", "https://github.com/team-a/web", IN_CLUSTER, "kube-system");
        assertThatThrownBy(() -> teamA.checkApplication(app))
                .isInstanceOf(ProjectViolation.class)
                .hasMessage("application 'web' may not deploy to namespace 'kube-system' on "
                        + "https://kubernetes.default.svc: not permitted by project 'team-a' destinations");
    }

    @Test
    void negatedNamespaceVetoesEvenWhenAnotherEntryMatches() {
        ProjectPolicy platform = ProjectPolicy.of(project("no-kube-system.yaml"));
        assertThat(platform.isDestinationPermitted(new Destination(IN_CLUSTER, "", "apps"))).isTrue();
        assertThat(platform.isDestinationPermitted(new Destination(IN_CLUSTER, "", "kube-system"))).isFalse();
        assertThat(platform.isDestinationPermitted(new Destination(IN_CLUSTER, "", "kube-public"))).isFalse();
    }

    @Test
    void clusterScopedKindsNeedTheWhitelistAndNotTheBlacklist() {
        assertThat(teamA.isGroupKindPermitted("", "Namespace", false)).isTrue();
        assertThat(teamA.isGroupKindPermitted("rbac.authorization.k8s.io", "ClusterRole", false)).isTrue();
        assertThat(teamA.isGroupKindPermitted("rbac.authorization.k8s.io", "ClusterRoleBinding", false)).isFalse();
        assertThat(teamA.isGroupKindPermitted("apiextensions.k8s.io", "CustomResourceDefinition", false)).isFalse();
        // an empty cluster whitelist allows no cluster-scoped kind at all
        ProjectPolicy platform = ProjectPolicy.of(project("no-kube-system.yaml"));
        assertThat(platform.isGroupKindPermitted("", "Namespace", false)).isFalse();
    }

    @Test
    void namespacedKindsAllAllowedUnlessWhitelistedOrBlacklisted() {
        assertThat(teamA.isGroupKindPermitted("apps", "Deployment", true)).isTrue();
        assertThat(teamA.isGroupKindPermitted("", "ResourceQuota", true)).isFalse();
        assertThat(teamA.isGroupKindPermitted("networking.k8s.io", "NetworkPolicy", true)).isFalse();
        ProjectPolicy platform = ProjectPolicy.of(project("no-kube-system.yaml"));
        assertThat(platform.isGroupKindPermitted("apps", "StatefulSet", true)).isTrue();
        assertThat(platform.isGroupKindPermitted("", "ConfigMap", true)).isTrue();
        assertThat(platform.isGroupKindPermitted("", "Secret", true)).isFalse();
    }

    @Test
    void resourceViolationsNameEachResourceAndRule() {
        Application app = app("web", "https://github.com/team-a/web", IN_CLUSTER, "team-a-web");
        List<ResourceKey> resources = List.of(
                new ResourceKey("apps", "Deployment", "", "web"), // default namespace team-a-web: fine
                new ResourceKey("rbac.authorization.k8s.io", "ClusterRoleBinding", "", "cluster-admin"),
                new ResourceKey("apiextensions.k8s.io", "CustomResourceDefinition", "", "widgets.example.com"),
                new ResourceKey("", "ResourceQuota", "team-a-web", "quota"),
                new ResourceKey("", "ConfigMap", "kube-system", "hijack"));
        assertThat(teamA.resourceViolations(app, resources, CLUSTER_SCOPED)).containsExactly(
                new Violation(ProjectRule.CLUSTER_RESOURCE_BLACKLIST, "resource rbac.authorization.k8s.io/"
                        + "ClusterRoleBinding cluster-admin is not permitted in project 'team-a' "
                        + "(clusterResourceBlacklist)"),
                new Violation(ProjectRule.CLUSTER_RESOURCE_WHITELIST, "resource apiextensions.k8s.io/"
                        + "CustomResourceDefinition widgets.example.com is not permitted in project 'team-a' "
                        + "(clusterResourceWhitelist)"),
                new Violation(ProjectRule.NAMESPACE_RESOURCE_BLACKLIST, "resource ResourceQuota team-a-web/quota is "
                        + "not permitted in project 'team-a' (namespaceResourceBlacklist)"),
                new Violation(ProjectRule.DESTINATIONS, "resource ConfigMap kube-system/hijack may not be deployed to "
                        + "namespace 'kube-system' on https://kubernetes.default.svc: not permitted by project "
                        + "'team-a' destinations"));
        assertThatThrownBy(() -> teamA.checkResources(app, resources, CLUSTER_SCOPED))
                .isInstanceOfSatisfying(ProjectViolation.class, v -> {
                    assertThat(v.project()).isEqualTo("team-a");
                    assertThat(v.violations()).hasSize(4);
                });
    }

    @Test
    void permissiveDefaultAllowsEverything() {
        ProjectPolicy def = ProjectPolicy.of(AppProject.permissiveDefault());
        Application app = app("any", "https://example.com/x.git", "https://anywhere", "kube-system");
        assertThat(def.applicationViolations(app)).isEmpty();
        assertThat(def.resourceViolations(app, List.of(new ResourceKey("rbac.authorization.k8s.io", "ClusterRole",
                "", "admin"), new ResourceKey("", "Secret", "", "s")), CLUSTER_SCOPED)).isEmpty();
    }

    @Test
    void malformedGlobIsAValidationErrorNamingTheField() {
        AppProject p = new AppProject("bad", List.of("https://github.com/[org"), List.of(
                new AppProject.ProjectDestination("*", "", "{a,b")), List.of(), List.of(), List.of(), List.of(),
                List.of(), "bad.yaml");
        assertThatThrownBy(() -> ProjectPolicy.of(p))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::path)
                        .containsExactly("spec.sourceRepos[0]", "spec.destinations[0].namespace"))
                .hasMessageStartingWith("bad.yaml: ");
    }
}
