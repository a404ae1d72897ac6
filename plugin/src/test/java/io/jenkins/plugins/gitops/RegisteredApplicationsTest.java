package io.jenkins.plugins.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RegisteredApplicationsTest {

    final RegisteredApplications apps = new RegisteredApplications();
    final Set<String> jobs = new java.util.HashSet<>(Set.of("team/deploy", "other"));

    @Test
    void theOwnerRegistersAndUpdatesItsApplication() {
        apps.claim("web", "team/deploy", "v1", "web.yaml", 1, "team/deploy #1", jobs::contains);
        apps.claim("web", "team/deploy", "v2", "web.yaml", 2, "team/deploy #2", jobs::contains);

        assertThat(apps.all()).singleElement().satisfies(a -> {
            assertThat(a.getYaml()).isEqualTo("v2");
            assertThat(a.getRegisteredBy()).isEqualTo("team/deploy #2");
        });
    }

    @Test
    void anotherExistingJobCannotTakeItOver() {
        apps.claim("web", "team/deploy", "v1", "web.yaml", 1, "team/deploy #1", jobs::contains);

        assertThatThrownBy(() -> apps.claim("web", "other", "v9", "other.yaml", 2, "other #1", jobs::contains))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("registered by job 'team/deploy'")
                .hasMessageContaining("other.yaml");
        assertThat(apps.get("web")).hasValueSatisfying(a -> assertThat(a.getYaml()).isEqualTo("v1"));
    }

    @Test
    void anApplicationWhoseJobIsGoneCanBeTakenOver() {
        apps.claim("web", "team/deploy", "v1", "web.yaml", 1, "team/deploy #1", jobs::contains);
        jobs.remove("team/deploy");

        apps.claim("web", "other", "v2", "web.yaml", 2, "other #1", jobs::contains);

        assertThat(apps.get("web")).hasValueSatisfying(a -> assertThat(a.getOwner()).isEqualTo("other"));
    }

    @Test
    void followsRenamedJobsAndFolders() {
        apps.claim("web", "team/deploy", "v1", "web.yaml", 1, "b", jobs::contains);
        apps.claim("api", "teamx/deploy", "v1", "api.yaml", 1, "b", n -> true);

        assertThat(apps.moveOwner("team", "shop")).containsExactly("web");
        assertThat(apps.get("web")).hasValueSatisfying(a -> assertThat(a.getOwner()).isEqualTo("shop/deploy"));
        assertThat(apps.get("api")).hasValueSatisfying(a -> assertThat(a.getOwner()).isEqualTo("teamx/deploy"));
    }

    @Test
    void forgetsApplicationsOfDeletedJobsAndFolders() {
        apps.claim("web", "team/deploy", "v1", "web.yaml", 1, "b", n -> true);
        apps.claim("api", "team/api", "v1", "api.yaml", 1, "b", n -> true);
        apps.claim("db", "db", "v1", "db.yaml", 1, "b", n -> true);

        assertThat(apps.removeOwnedBy("team")).containsExactlyInAnyOrder("web", "api");
        assertThat(apps.all()).extracting(RegisteredApplication::getName).containsExactly("db");
    }
}
