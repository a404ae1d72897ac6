package io.jenkins.plugins.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.appset.AppSetAction;
import io.jenkins.plugins.gitops.engine.appset.ApplicationSetGenerator;
import io.jenkins.plugins.gitops.engine.appset.Generated;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ApplicationSet;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The ApplicationSet lifecycle on the registry and the controller, with real generation (list generator, no Git)
 * from {@code appset/guestbook.yaml}: three applications, dev, staging and prod.
 */
class ApplicationSetSyncTest {

    static final String JOB = "team/deploy";

    final RegisteredApplications registry = new RegisteredApplications();
    final Set<String> jobs = new HashSet<>(Set.of(JOB, "other"));
    final FakeController controller = new FakeController();
    final List<String> log = new ArrayList<>();

    /** What the controller was told: registered applications by name, and the owner of each. */
    static final class FakeController implements ApplicationSetSync.Registrations {
        final Map<String, Application> apps = new LinkedHashMap<>();
        final Map<String, String> owners = new LinkedHashMap<>();

        @Override
        public void register(Application app, String owner) {
            apps.put(app.name(), app);
            owners.put(app.name(), owner);
        }

        @Override
        public void unregister(String name) {
            apps.remove(name);
            owners.remove(name);
        }
    }

    static String fixture() throws IOException {
        try (InputStream in = ApplicationSetSyncTest.class.getResourceAsStream("appset/guestbook.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static ApplicationSet parse(String yaml) {
        return ArgoDocuments.parse(yaml, "appset.yaml").applicationSets().get(0);
    }

    ApplicationSetSync.Result generate(String yaml, long now) {
        ApplicationSet set = parse(yaml);
        registry.claimSet(set.name(), JOB, yaml, "appset.yaml", now, JOB + " #" + now, jobs::contains);
        Generated generated = new ApplicationSetGenerator(null, List.of()).generate(set);
        EngineLog recording = new EngineLog() {
            @Override
            public void info(String message) {
                log.add(message);
            }

            @Override
            public void warn(String message) {
                log.add("WARN " + message);
            }
        };
        return ApplicationSetSync.apply(registry, set, generated, now, JOB + " #" + now, jobs::contains, controller,
                recording);
    }

    static String withoutProd(String yaml) {
        return yaml.replace("""
                          - env: prod
                            replicas: "3"
                """, "");
    }

    static String withPolicy(String yaml, String policy) {
        return yaml.replace("  template:\n", "  syncPolicy:\n    applicationsSync: " + policy + "\n  template:\n");
    }

    @Test
    void theFirstGenerationRegistersEveryApplicationForTheSetsJob() throws Exception {
        ApplicationSetSync.Result result = generate(fixture(), 1);

        assertThat(result.applications()).extracting(Application::name)
                .containsExactly("guestbook-dev", "guestbook-staging", "guestbook-prod");
        assertThat(result.actions()).extracting(AppSetAction::type).containsOnly(AppSetAction.Type.CREATE);
        assertThat(result.changed()).isTrue();
        assertThat(result.problems()).isEmpty();
        assertThat(registry.generatedBy("guestbook")).extracting(RegisteredApplication::getName)
                .containsExactly("guestbook-dev", "guestbook-prod", "guestbook-staging");
        assertThat(registry.get("guestbook-prod")).hasValueSatisfying(a -> {
            assertThat(a.getOwner()).isEqualTo(JOB);
            assertThat(a.getApplicationSet()).isEqualTo("guestbook");
            assertThat(a.getFile()).contains("ApplicationSet 'guestbook'").contains("prod");
            // the stored YAML reads back as the generated application
            Application stored = ArgoDocuments.parseApplication(a.getYaml(), a.getFile());
            assertThat(stored.source().path()).isEqualTo("envs/prod");
            assertThat(stored.destination().namespace()).isEqualTo("guestbook-prod");
        });
        assertThat(controller.owners).containsOnlyKeys("guestbook-dev", "guestbook-staging", "guestbook-prod")
                .containsValue(JOB);
    }

    @Test
    void anUnchangedGenerationChangesNothing() throws Exception {
        generate(fixture(), 1);

        ApplicationSetSync.Result again = generate(fixture(), 2);

        assertThat(again.actions()).isEmpty();
        assertThat(again.changed()).isFalse();
        assertThat(again.applications()).extracting(Application::name)
                .containsExactly("guestbook-dev", "guestbook-staging", "guestbook-prod");
        assertThat(registry.get("guestbook-dev")).hasValueSatisfying(a ->
                assertThat(a.getRegisteredBy()).isEqualTo(JOB + " #1"));
    }

    @Test
    void anApplicationNoLongerGeneratedIsUnregisteredUnderTheDefaultSyncPolicy() throws Exception {
        generate(fixture(), 1);

        ApplicationSetSync.Result result = generate(withoutProd(fixture()), 2);

        assertThat(result.actions()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AppSetAction.Type.DELETE);
            assertThat(a.name()).isEqualTo("guestbook-prod");
        });
        assertThat(registry.get("guestbook-prod")).isEmpty();
        assertThat(controller.apps).doesNotContainKey("guestbook-prod");
        assertThat(log).anyMatch(l -> l.contains("guestbook-prod") && l.contains("resources stay in the cluster"));
    }

    @Test
    void createOnlyKeepsApplicationsThatAreNoLongerGeneratedAndDoesNotUpdate() throws Exception {
        generate(withPolicy(fixture(), "create-only"), 1);

        String changed = withPolicy(withoutProd(fixture()), "create-only").replace("envs/{{env}}", "overlays/{{env}}");
        ApplicationSetSync.Result result = generate(changed, 2);

        assertThat(result.actions()).extracting(AppSetAction::type).containsExactly(
                AppSetAction.Type.SKIPPED_UPDATE, AppSetAction.Type.SKIPPED_UPDATE, AppSetAction.Type.SKIPPED_DELETE);
        assertThat(result.changed()).isFalse();
        assertThat(registry.get("guestbook-prod")).isPresent();
        // the registered (old) version is what the step syncs
        assertThat(result.applications()).extracting(a -> a.source().path())
                .containsExactly("envs/dev", "envs/staging");
        assertThat(controller.apps.get("guestbook-dev").source().path()).isEqualTo("envs/dev");
        assertThat(log).anyMatch(l -> l.contains("does not update applications"));
    }

    @Test
    void aChangedTemplateUpdatesTheRegistrationAndTheController() throws Exception {
        generate(fixture(), 1);

        ApplicationSetSync.Result result = generate(fixture().replace("envs/{{env}}", "overlays/{{env}}"), 2);

        assertThat(result.actions()).extracting(AppSetAction::type).containsOnly(AppSetAction.Type.UPDATE);
        assertThat(result.applications()).extracting(a -> a.source().path())
                .containsExactly("overlays/dev", "overlays/staging", "overlays/prod");
        assertThat(controller.apps.get("guestbook-staging").source().path()).isEqualTo("overlays/staging");
        assertThat(registry.get("guestbook-staging")).hasValueSatisfying(a ->
                assertThat(a.getRegisteredBy()).isEqualTo(JOB + " #2"));
    }

    @Test
    void aNameAnotherJobHoldsIsReportedAndTheRestIsRegistered() throws Exception {
        registry.claim("guestbook-staging", "other", "yaml", "other.yaml", 0, "other #1", jobs::contains);

        ApplicationSetSync.Result result = generate(fixture(), 1);

        assertThat(result.problems()).singleElement().asString()
                .contains("guestbook-staging").contains("registered by job 'other'");
        assertThat(result.applications()).extracting(Application::name)
                .containsExactly("guestbook-dev", "guestbook-prod");
        assertThat(registry.get("guestbook-staging")).hasValueSatisfying(a -> {
            assertThat(a.getOwner()).isEqualTo("other");
            assertThat(a.isGenerated()).isFalse();
        });
        assertThat(controller.apps).doesNotContainKey("guestbook-staging");
    }

    @Test
    void theSetAdoptsAnApplicationItsJobRegisteredFromAFile() throws Exception {
        registry.claim("guestbook-dev", JOB, "yaml", "dev.yaml", 0, JOB + " #0", jobs::contains);

        ApplicationSetSync.Result result = generate(fixture(), 1);

        assertThat(result.problems()).isEmpty();
        assertThat(registry.get("guestbook-dev")).hasValueSatisfying(a ->
                assertThat(a.getApplicationSet()).isEqualTo("guestbook"));
    }

    @Test
    void anotherSetCannotGenerateTheSameApplication() throws Exception {
        generate(fixture(), 1);
        String twin = fixture().replace("name: guestbook\n", "name: guestbook-twin\n");

        ApplicationSetSync.Result result = generate(twin, 2);

        assertThat(result.applications()).isEmpty();
        assertThat(result.problems()).hasSize(3).allSatisfy(p -> assertThat(p)
                .contains("generated by ApplicationSet 'guestbook'"));
        assertThat(registry.generatedBy("guestbook")).hasSize(3);
    }
}
