package io.jenkins.plugins.gitops.engine.sync;

import static io.jenkins.plugins.gitops.engine.sync.TestObjects.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyncOptionsTest {

    @Test
    void defaults() {
        SyncOptions o = SyncOptions.DEFAULTS;

        assertThat(o.createNamespace()).isFalse();
        assertThat(o.pruneLast()).isFalse();
        assertThat(o.applyOutOfSyncOnly()).isFalse();
        assertThat(o.serverSideApply()).as("we apply server-side by default").isTrue();
        assertThat(o.replace()).isFalse();
        assertThat(o.force()).isFalse();
        assertThat(o.validate()).isTrue();
        assertThat(o.prune()).isEqualTo(DeletionMode.ALLOWED);
        assertThat(o.delete()).isEqualTo(DeletionMode.ALLOWED);
        assertThat(o.prunePropagationPolicy()).isEqualTo(PropagationPolicy.FOREGROUND);
        assertThat(o.failOnSharedResource()).isFalse();
        assertThat(o.respectIgnoreDifferences()).isFalse();
        assertThat(o.skipDryRunOnMissingResource()).isFalse();
        assertThat(o.clientSideApplyMigration()).isTrue();
        assertThat(o).hasToString("[]");
    }

    @Test
    void everyOptionFromTheApplication() {
        SyncOptions o = SyncOptions.fromApplication(List.of(
                "CreateNamespace=true", "PruneLast=true", "ApplyOutOfSyncOnly=true", "ServerSideApply=false",
                "Replace=true", "Force=true", "Validate=false", "Prune=confirm", "Delete=false",
                "PrunePropagationPolicy=orphan", "FailOnSharedResource=true", "RespectIgnoreDifferences=true",
                "SkipDryRunOnMissingResource=true", "ClientSideApplyMigration=false"));

        assertThat(o.createNamespace()).isTrue();
        assertThat(o.pruneLast()).isTrue();
        assertThat(o.applyOutOfSyncOnly()).isTrue();
        assertThat(o.serverSideApply()).as("ServerSideApply=false selects client-side apply").isFalse();
        assertThat(o.replace()).isTrue();
        assertThat(o.force()).isTrue();
        assertThat(o.validate()).isFalse();
        assertThat(o.prune()).isEqualTo(DeletionMode.CONFIRM);
        assertThat(o.delete()).isEqualTo(DeletionMode.DISABLED);
        assertThat(o.prunePropagationPolicy()).isEqualTo(PropagationPolicy.ORPHAN);
        assertThat(o.failOnSharedResource()).isTrue();
        assertThat(o.respectIgnoreDifferences()).isTrue();
        assertThat(o.skipDryRunOnMissingResource()).isTrue();
        assertThat(o.clientSideApplyMigration()).isFalse();
        assertThat(o.isSet(SyncOption.Prune)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"foreground,FOREGROUND,Foreground", "background,BACKGROUND,Background", "Orphan,ORPHAN,Orphan"})
    void propagationPolicies(String value, PropagationPolicy expected, String kubernetesValue) {
        SyncOptions o = SyncOptions.fromApplication(List.of("PrunePropagationPolicy=" + value));

        assertThat(o.prunePropagationPolicy()).isEqualTo(expected);
        assertThat(expected.kubernetesValue()).isEqualTo(kubernetesValue);
    }

    @Test
    void annotationIsCommaSeparatedAndTrimmed() {
        SyncOptions o = SyncOptions.fromAnnotation(obj("ConfigMap/c",
                "argocd.argoproj.io/sync-options= Prune=false , ServerSideApply=false,,Validate=false"));

        assertThat(o.prune()).isEqualTo(DeletionMode.DISABLED);
        assertThat(o.serverSideApply()).isFalse();
        assertThat(o.validate()).isFalse();
        assertThat(o).hasToString("[ServerSideApply=false, Validate=false, Prune=false]");
    }

    @Test
    void resourceLevelOverridesApplicationLevel() {
        SyncOptions app = SyncOptions.fromApplication(List.of("Prune=false", "PruneLast=true", "Replace=true"));
        SyncOptions resource = SyncOptions.fromAnnotation(obj("ConfigMap/c",
                "argocd.argoproj.io/sync-options=Prune=true,Replace=false"));

        SyncOptions effective = app.overriddenBy(resource);

        assertThat(effective.prune()).isEqualTo(DeletionMode.ALLOWED);
        assertThat(effective.replace()).isFalse();
        assertThat(effective.pruneLast()).as("kept from the application").isTrue();
        assertThat(SyncOptions.DEFAULTS.overriddenBy(resource)).isEqualTo(resource);
    }

    @Test
    void unknownOptionNamesItAndWhereItCameFrom() {
        assertThatThrownBy(() -> SyncOptions.fromApplication(List.of("PruneFirst=true")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown sync option 'PruneFirst=true' in spec.syncPolicy.syncOptions;"
                        + " known options: CreateNamespace, PruneLast");
    }

    @Test
    void unknownOptionInAnAnnotationNamesTheResourceAndSuggestsTheRightCase() {
        assertThatThrownBy(() -> SyncOptions.fromAnnotation(obj("Deployment/shop/web",
                "argocd.argoproj.io/sync-options=serverSideApply=false")))
                .hasMessageStartingWith("unknown sync option 'serverSideApply=false' in annotation"
                        + " argocd.argoproj.io/sync-options of apps/Deployment shop/web (test/deployment.yaml)"
                        + " (did you mean ServerSideApply?)");
    }

    @Test
    void invalidValuesSayWhatIsAccepted() {
        assertThatThrownBy(() -> SyncOptions.fromApplication(List.of("Prune=maybe")))
                .hasMessage("invalid sync option 'Prune=maybe' in spec.syncPolicy.syncOptions:"
                        + " expected true, false or confirm");
        assertThatThrownBy(() -> SyncOptions.fromApplication(List.of("CreateNamespace=yes")))
                .hasMessageEndingWith("expected true or false");
        assertThatThrownBy(() -> SyncOptions.fromApplication(List.of("PrunePropagationPolicy=cascade")))
                .hasMessageEndingWith("expected foreground, background or orphan");
    }

    @Test
    void optionWithoutValueIsAnError() {
        assertThatThrownBy(() -> SyncOptions.fromApplication(List.of("CreateNamespace")))
                .hasMessage("sync option 'CreateNamespace' in spec.syncPolicy.syncOptions has no value;"
                        + " expected Name=value, e.g. CreateNamespace=true");
    }

    @Test
    void conflictingValuesInOnePlaceAreAnError() {
        assertThatThrownBy(() -> SyncOptions.fromApplication(List.of("Prune=false", "Prune=confirm")))
                .hasMessage("sync option Prune is set twice with different values in spec.syncPolicy.syncOptions:"
                        + " Prune=false and Prune=confirm");
        assertThat(SyncOptions.fromApplication(List.of("Replace=true", "Replace=TRUE")).replace()).isTrue();
    }

    @Test
    void nullAndEmptyListsMeanDefaults() {
        assertThat(SyncOptions.fromApplication(null)).isEqualTo(SyncOptions.DEFAULTS);
        assertThat(SyncOptions.fromApplication(List.of("", "  "))).isEqualTo(SyncOptions.DEFAULTS);
        assertThat(SyncOptions.fromAnnotation(obj("ConfigMap/c"))).isEqualTo(SyncOptions.DEFAULTS);
    }
}
