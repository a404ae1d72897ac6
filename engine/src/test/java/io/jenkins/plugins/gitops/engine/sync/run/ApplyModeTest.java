package io.jenkins.plugins.gitops.engine.sync.run;

import static io.jenkins.plugins.gitops.engine.sync.run.SyncOperationTestSupport.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.cluster.ApplyOptions;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.sync.SyncOptions;
import io.jenkins.plugins.gitops.engine.sync.SyncPhase;
import io.jenkins.plugins.gitops.engine.sync.SyncTask;
import io.jenkins.plugins.gitops.engine.sync.hook.HookDeletePolicy;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApplyModeTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ConfigMap                |                           | SERVER_SIDE_APPLY
            ConfigMap                | ServerSideApply=false     | CLIENT_SIDE_APPLY
            ConfigMap                | Validate=false            | CLIENT_SIDE_UNVALIDATED
            ConfigMap                | ServerSideApply=false,Validate=false | CLIENT_SIDE_APPLY
            ConfigMap                | Replace=true              | REPLACE
            ConfigMap                | Replace=true,Force=true   | FORCE_REPLACE
            ConfigMap                | Force=true                | FORCE_APPLY
            CustomResourceDefinition | Replace=true,Force=true   | REPLACE
            Namespace                | Force=true                | SERVER_SIDE_APPLY
            """)
    void syncOptionsChooseHowAnObjectIsWritten(String kind, String options, ApplyMode expected) {
        SyncOptions parsed = SyncOptions.fromApplication(options == null ? List.of() : List.of(options.split(",")));
        SyncTask task = SyncTask.apply(object(kind, "name: x"), null, 0, parsed);

        assertThat(ApplyMode.of(task)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "hook with {0}, live {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            generateName: migrate- | false | CREATE
            generateName: migrate- | true  | SERVER_SIDE_APPLY
            name: migrate          | false | SERVER_SIDE_APPLY
            """)
    void hooksWithGenerateNameAreCreated(String naming, boolean live, ApplyMode expected) {
        KubeObject hook = object("Job", naming);
        SyncTask task = SyncTask.hook(SyncPhase.PreSync, hook, live ? hook : null, 0,
                List.of(HookDeletePolicy.HookSucceeded), SyncOptions.DEFAULTS);

        assertThat(ApplyMode.of(task)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "ServerSideApply={0}, Validate={1}")
    @CsvSource({"true, true", "false, false"})
    void writeOptionsCarryServerSideApplyAndValidateAndKeepTheFieldManager(boolean ssa, boolean validate) {
        SyncTask task = SyncTask.apply(object("ConfigMap", "name: x"), null, 0, SyncOptions.fromApplication(
                List.of("ServerSideApply=" + ssa, "Validate=" + validate)));

        ApplyOptions options = ApplyMode.options(ApplyOptions.defaults(), task, true);

        assertThat(options).isEqualTo(new ApplyOptions(ssa, true, "gitops-sync", validate, true));
    }

    @ParameterizedTest(name = "operation forces={0}, resource options={1} -> force conflicts {2}")
    @CsvSource(delimiter = '|', value = {"false | ServerSideApply=true | true", "false | Force=true | true",
            "true | ServerSideApply=true | true", "false | FailOnConflict=true | false",
            "true | FailOnConflict=true | false", "false | FailOnConflict=false | true"})
    void gitWinsConflictsUnlessFailOnConflictIsSet(boolean operationForces, String option, boolean forced) {
        SyncTask task = SyncTask.apply(object("ConfigMap", "name: x"), null, 0,
                SyncOptions.fromApplication(List.of(option)));

        ApplyOptions options = ApplyMode.options(ApplyOptions.defaults().withForceConflicts(operationForces), task,
                false);

        assertThat(options.forceConflicts()).isEqualTo(forced);
    }

    @ParameterizedTest(name = "{0}: {1} -> {2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            SERVER_SIDE_APPLY | none | 7 | created
            SERVER_SIDE_APPLY | 7    | 7 | unchanged
            SERVER_SIDE_APPLY | 7    | 8 | configured
            REPLACE           | 7    | 8 | replaced
            REPLACE           | none | 8 | created
            CREATE            | none | 1 | created
            CLIENT_SIDE_UNVALIDATED | 7 | 8 | configured (applied client-side: server-side apply cannot skip schema validation, and Validate=false asks for that)
            """)
    void messagesUseKubectlWords(ApplyMode mode, String before, String after, String message) {
        KubeObject was = before == null ? null : object("ConfigMap", "{name: x, resourceVersion: '" + before + "'}");
        KubeObject is = object("ConfigMap", "{name: x, resourceVersion: '" + after + "'}");

        assertThat(mode.message(was, is)).isEqualTo(message);
    }

    private static KubeObject object(String kind, String metadata) {
        String apiVersion = switch (kind) {
            case "Job" -> "batch/v1";
            case "CustomResourceDefinition" -> "apiextensions.k8s.io/v1";
            default -> "v1";
        };
        return yaml("apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {namespace: shop, "
                + metadata.replace("{", "").replace("}", "") + "}\n");
    }
}
