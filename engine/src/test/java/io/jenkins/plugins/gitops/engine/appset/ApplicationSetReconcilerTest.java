package io.jenkins.plugins.gitops.engine.appset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.appset.AppSetAction.Type;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ApplicationSet;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ApplicationSetReconcilerTest {

    private static Application app(String name, String path) {
        return AppSetFixtures.app("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s}
                spec:
                  source: {repoURL: 'https://git.example.com/org/web.git', path: %s}
                  destination: {server: 'https://kubernetes.default.svc', namespace: web}
                """.formatted(name, path));
    }

    /** Owned before: kept (unchanged), changed (path differs), gone (no longer generated). New: fresh. */
    private static final List<Application> OWNED = List.of(app("kept", "a"), app("changed", "old"), app("gone", "g"));
    private static final List<Application> DESIRED = List.of(app("kept", "a"), app("changed", "new"),
            app("fresh", "f"));

    private static List<String> summary(List<AppSetAction> actions) {
        return actions.stream().map(a -> a.type() + " " + a.name()).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "create-only   | CREATE fresh, SKIPPED_UPDATE changed, SKIPPED_DELETE gone",
        "create-update | CREATE fresh, UPDATE changed, SKIPPED_DELETE gone",
        "create-delete | CREATE fresh, SKIPPED_UPDATE changed, DELETE gone",
        "sync          | CREATE fresh, UPDATE changed, DELETE gone",
    })
    void policyTable(String policy, String expected) {
        List<AppSetAction> actions = ApplicationSetReconciler.reconcile(ApplicationsSyncPolicy.of(policy), false,
                OWNED, DESIRED);
        assertThat(summary(actions)).containsExactlyInAnyOrder(expected.split(", "));
    }

    @Test
    void actionsCarryTheApplicationsAndReasons() {
        List<AppSetAction> actions = ApplicationSetReconciler.reconcile(ApplicationsSyncPolicy.CREATE_ONLY, false,
                OWNED, DESIRED);
        assertThat(summary(actions)).containsExactly("SKIPPED_UPDATE changed", "CREATE fresh", "SKIPPED_DELETE gone");
        AppSetAction skipped = actions.get(0);
        assertThat(skipped.changes()).isFalse();
        assertThat(skipped.current().source().path()).isEqualTo("old");
        assertThat(skipped.desired().source().path()).isEqualTo("new");
        assertThat(skipped.reason()).isEqualTo("application 'changed' changed, but policy create-only does not "
                + "update applications");
        assertThat(actions.get(1).changes()).isTrue();
        assertThat(actions.get(1).current()).isNull();
    }

    @Test
    void preserveResourcesOnDeletionIsCarriedOnDeletes() {
        List<AppSetAction> actions = ApplicationSetReconciler.reconcile(ApplicationsSyncPolicy.SYNC, true, OWNED,
                List.of());
        assertThat(actions).extracting(AppSetAction::type).containsOnly(Type.DELETE);
        assertThat(actions).extracting(AppSetAction::name).containsExactly("changed", "gone", "kept");
        assertThat(actions).allSatisfy(a -> {
            assertThat(a.preserveResources()).isTrue();
            assertThat(a.reason()).endsWith("its resources are preserved");
        });
    }

    @Test
    void sameContentFromAnotherFileIsNoChange() {
        Application elsewhere = ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: kept}
                spec:
                  source: {repoURL: 'https://git.example.com/org/web.git', path: a}
                  destination: {server: 'https://kubernetes.default.svc', namespace: web}
                """, "live/kept.yaml");
        assertThat(elsewhere.file()).isNotEqualTo(app("kept", "a").file());
        assertThat(ApplicationSetReconciler.reconcile(ApplicationsSyncPolicy.SYNC, false, List.of(elsewhere),
                List.of(app("kept", "a")))).isEmpty();
    }

    @Test
    void usesTheSetsPolicyAndChecksOwnership() {
        ApplicationSet set = AppSetFixtures.parseSet("""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: web}
                spec:
                  generators: [{list: {elements: [{app: kept}]}}]
                  syncPolicy: {applicationsSync: create-update, preserveResourcesOnDeletion: true}
                  template:
                    metadata: {name: '{{app}}'}
                    spec:
                      project: default
                      source: {repoURL: 'https://git.example.com/org/web.git', path: a}
                      destination: {server: 'https://kubernetes.default.svc', namespace: web}
                """);
        Generated generated = new ApplicationSetGenerator(null, List.of()).generate(set);
        List<AppSetAction> actions = ApplicationSetReconciler.reconcile(set, OWNED, generated);
        assertThat(summary(actions)).containsExactly("SKIPPED_DELETE changed", "SKIPPED_DELETE gone");
        assertThatThrownBy(() -> ApplicationSetReconciler.reconcile(set, OWNED, new Generated("other", List.of())))
                .hasMessageContaining("belong to ApplicationSet 'other', not 'web'");
        assertThatThrownBy(() -> ApplicationsSyncPolicy.of("upsert"))
                .hasMessage("applicationsSync must be one of create-only, create-update, create-delete, sync, not "
                        + "'upsert'");
    }
}
