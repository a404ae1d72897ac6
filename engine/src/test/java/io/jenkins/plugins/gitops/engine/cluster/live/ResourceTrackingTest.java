package io.jenkins.plugins.gitops.engine.cluster.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import org.junit.jupiter.api.Test;

class ResourceTrackingTest {

    private static final ResourceTracking ANNOTATION = ResourceTracking.of(TrackingMethod.Annotation);
    private static final ResourceTracking LABEL = ResourceTracking.of(TrackingMethod.Label);
    private static final ResourceTracking BOTH = ResourceTracking.of(TrackingMethod.AnnotationAndLabel);

    private static KubeObject unmarked(String kind, String name) {
        KubeObject o = Fixtures.find("guestbook-live.yaml", kind, name);
        return o.withAnnotation(AnnotationNames.TRACKING_ID, null);
    }

    @Test
    void stampWritesTheTrackingIdOnACopy() {
        KubeObject desired = unmarked("Deployment", "guestbook-ui");

        KubeObject stamped = ANNOTATION.stamp("guestbook", desired, "guestbook");

        assertThat(stamped.annotation(AnnotationNames.TRACKING_ID))
                .isEqualTo("guestbook:apps/Deployment:guestbook/guestbook-ui");
        assertThat(stamped.labels()).doesNotContainKey(AnnotationNames.INSTANCE_LABEL);
        assertThat(desired.annotations()).doesNotContainKey(AnnotationNames.TRACKING_ID);
        assertThat(stamped.source()).isEqualTo(desired.source());
    }

    @Test
    void clusterScopedObjectsRecordTheDestinationNamespaceLikeArgoCd() {
        KubeObject ns = unmarked("Namespace", "guestbook");

        assertThat(ANNOTATION.stamp("guestbook", ns, "guestbook").annotation(AnnotationNames.TRACKING_ID))
                .isEqualTo("guestbook:/Namespace:guestbook/guestbook");
        assertThat(ANNOTATION.stamp("guestbook", ns).annotation(AnnotationNames.TRACKING_ID))
                .isEqualTo("guestbook:/Namespace:/guestbook");
    }

    @Test
    void labelModeWritesOnlyTheInstanceLabel() {
        KubeObject stamped = LABEL.stamp("guestbook", unmarked("Service", "guestbook-ui"));

        assertThat(stamped.labels()).containsEntry(AnnotationNames.INSTANCE_LABEL, "guestbook");
        assertThat(stamped.annotations()).doesNotContainKey(AnnotationNames.TRACKING_ID);
    }

    @Test
    void annotationPlusLabelWritesBothAndTruncatesTheLabel() {
        String longName = "a".repeat(62) + "-b-and-more";

        KubeObject stamped = BOTH.stamp(longName, unmarked("Service", "guestbook-ui"));

        assertThat(stamped.annotation(AnnotationNames.TRACKING_ID)).startsWith(longName + ":/Service:");
        // cut at 63 characters ("a"*62 + "-"), then the trailing "-" is removed
        assertThat(stamped.labels().get(AnnotationNames.INSTANCE_LABEL)).isEqualTo("a".repeat(62));
        assertThat(BOTH.owningApp(stamped)).contains(longName);
    }

    @Test
    void labelModeRefusesNamesThatCannotBeALabel() {
        assertThatThrownBy(() -> LABEL.stamp("x".repeat(64), unmarked("Service", "guestbook-ui")))
                .hasMessageContaining("cannot track Service guestbook/guestbook-ui (guestbook-live.yaml) by label")
                .hasMessageContaining("at most 63");
    }

    @Test
    void stampNeedsANameAndAnApplication() {
        KubeObject nameless = KubeObject.of(unmarked("Service", "guestbook-ui").mutableCopy().put("kind", "Service"))
                .withNamespace("guestbook");
        var copy = nameless.mutableCopy();
        copy.with("metadata").remove("name");

        assertThatThrownBy(() -> ANNOTATION.stamp("guestbook", KubeObject.of(copy)))
                .hasMessageContaining("needs a kind and a metadata.name");
        assertThatThrownBy(() -> ANNOTATION.stamp("", nameless)).hasMessageContaining("application name is required");
    }

    @Test
    void ownershipFollowsTheTrackingIdOfTheObjectItself() {
        for (KubeObject o : Fixtures.load("guestbook-live.yaml")) {
            assertThat(ANNOTATION.owningApp(o)).as(o.toString()).contains("guestbook");
            assertThat(ANNOTATION.belongsTo(o, "guestbook")).isTrue();
            assertThat(ANNOTATION.belongsTo(o, "other")).isFalse();
        }
    }

    @Test
    void copiedMalformedAndForeignObjectsAreNotGuestbooks() {
        String fixture = "neighbours-live.yaml";

        assertThat(ANNOTATION.owningApp(Fixtures.find(fixture, "ConfigMap", "other-settings"))).contains("other");
        // tracking id names guestbook-settings, the object is guestbook-settings-backup
        assertThat(ANNOTATION.owningApp(Fixtures.find(fixture, "ConfigMap", "guestbook-settings-backup"))).isEmpty();
        // tracking id names namespace guestbook, the object lives in staging
        assertThat(ANNOTATION.owningApp(Fixtures.find(fixture, "Service", "guestbook-ui"))).isEmpty();
        assertThat(ANNOTATION.owningApp(Fixtures.find(fixture, "ConfigMap", "hand-written"))).isEmpty();
        assertThat(ANNOTATION.owningApp(Fixtures.find(fixture, "ConfigMap", "legacy-settings"))).isEmpty();
    }

    @Test
    void malformedTrackingIdIsReportedWithTheObject() {
        KubeObject o = Fixtures.find("neighbours-live.yaml", "ConfigMap", "hand-written");

        assertThatThrownBy(() -> ResourceTracking.trackingIdOf(o))
                .isInstanceOf(MalformedTrackingIdException.class)
                .hasMessageStartingWith("ConfigMap shared/hand-written (neighbours-live.yaml): annotation "
                        + "argocd.argoproj.io/tracking-id: malformed tracking id 'guestbook/ConfigMap/hand-written'");
        assertThat(ResourceTracking.trackingIdOf(Fixtures.find("guestbook-live.yaml", "Service", "guestbook-ui")))
                .map(TrackingId::appName)
                .contains("guestbook");
    }

    @Test
    void labelModeReadsTheLabelAndIgnoresTheAnnotation() {
        assertThat(LABEL.owningApp(Fixtures.find("neighbours-live.yaml", "ConfigMap", "legacy-settings")))
                .contains("legacy");
        assertThat(LABEL.owningApp(Fixtures.find("guestbook-live.yaml", "Service", "guestbook-ui"))).isEmpty();
        // annotation modes do not accept the label alone
        assertThat(BOTH.owningApp(Fixtures.find("neighbours-live.yaml", "ConfigMap", "legacy-settings"))).isEmpty();
    }

    @Test
    void aStampedObjectBelongsToItsApplicationUnderEveryMethod() {
        KubeObject desired = unmarked("Deployment", "guestbook-ui");
        for (TrackingMethod m : TrackingMethod.values()) {
            ResourceTracking t = ResourceTracking.of(m);
            assertThat(t.belongsTo(t.stamp("guestbook", desired, "guestbook"), "guestbook")).as(m.argoName()).isTrue();
        }
    }
}
