package io.jenkins.plugins.gitops.engine.cluster.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrackingIdTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # value                                                          | group                     | kind        | namespace | name
            guestbook:apps/Deployment:guestbook/guestbook-ui                 | apps                      | Deployment  | guestbook | guestbook-ui
            guestbook:/ConfigMap:shared/settings                             | ''                        | ConfigMap   | shared    | settings
            guestbook:/Namespace:/guestbook                                  | ''                        | Namespace   | ''        | guestbook
            guestbook:rbac.authorization.k8s.io/ClusterRole:/system:auth:x   | rbac.authorization.k8s.io | ClusterRole | ''        | system:auth:x
            """)
    void parsesWhatItFormats(String value, String group, String kind, String namespace, String name) {
        TrackingId id = TrackingId.parse(value);

        assertThat(id.appName()).isEqualTo("guestbook");
        assertThat(id.key()).isEqualTo(new ResourceKey(group, kind, namespace, name));
        assertThat(id.value()).isEqualTo(value);
        assertThat(ResourceTracking.trackingId("guestbook", id.key())).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # value                                   | what the message must say
            guestbook                                 | expected three ':'-separated parts, found 1
            guestbook:apps/Deployment                 | expected three ':'-separated parts, found 2
            guestbook:Deployment:ns/name              | 'Deployment' is not <group>/<kind>
            guestbook:apps/v1/Deployment:ns/name      | 'apps/v1/Deployment' is not <group>/<kind>
            guestbook:apps/Deployment:name            | 'name' is not <namespace>/<name>
            guestbook:apps/Deployment:a/b/c           | 'a/b/c' is not <namespace>/<name>
            :apps/Deployment:ns/name                  | the application name is empty
            guestbook:apps/:ns/name                   | the kind is empty
            guestbook:apps/Deployment:ns/             | the object name is empty
            """)
    void malformedValuesSayWhatIsWrong(String value, String reason) {
        assertThatThrownBy(() -> TrackingId.parse(value))
                .isInstanceOf(MalformedTrackingIdException.class)
                .hasMessageContaining("'" + value + "'")
                .hasMessageContaining(reason)
                .hasMessageEndingWith("expected <application-name>:<group>/<kind>:<namespace>/<name>");
        assertThat(TrackingId.tryParse(value)).isEmpty();
    }

    @Test
    void emptyValueIsMalformedAndTryParseIsEmpty() {
        assertThatThrownBy(() -> TrackingId.parse("")).hasMessageContaining("the value is empty");
        assertThat(TrackingId.tryParse(null)).isEmpty();
    }

    @Test
    void namesOnlyTheObjectItWasWrittenFor() {
        TrackingId id = TrackingId.parse("guestbook:/ConfigMap:shared/settings");

        assertThat(id.names(new ResourceKey("", "ConfigMap", "shared", "settings"))).isTrue();
        assertThat(id.names(new ResourceKey("", "ConfigMap", "shared", "settings-copy"))).isFalse();
        assertThat(id.names(new ResourceKey("", "ConfigMap", "staging", "settings"))).isFalse();
        assertThat(id.names(new ResourceKey("", "Secret", "shared", "settings"))).isFalse();
        assertThat(id.names(new ResourceKey("apps", "ConfigMap", "shared", "settings"))).isFalse();
    }

    @Test
    void clusterScopedObjectsMatchWhateverNamespaceTheIdRecords() {
        // Argo CD writes the application's destination namespace into ids of cluster-scoped objects
        TrackingId id = TrackingId.parse("guestbook:/Namespace:guestbook/guestbook");

        assertThat(id.names(new ResourceKey("", "Namespace", "", "guestbook"))).isTrue();
        assertThat(id.names(new ResourceKey("", "Namespace", "", "other"))).isFalse();
    }

    @Test
    void trackingMethodParsesArgoSpellings() {
        assertThat(TrackingMethod.parse("annotation")).isEqualTo(TrackingMethod.Annotation);
        assertThat(TrackingMethod.parse("label")).isEqualTo(TrackingMethod.Label);
        assertThat(TrackingMethod.parse(" annotation+label ")).isEqualTo(TrackingMethod.AnnotationAndLabel);
        assertThat(TrackingMethod.parse(null)).isEqualTo(TrackingMethod.Annotation);
        assertThatThrownBy(() -> TrackingMethod.parse("labels"))
                .hasMessage("unknown resource tracking method 'labels'; expected one of annotation, label, annotation+label");
    }
}
