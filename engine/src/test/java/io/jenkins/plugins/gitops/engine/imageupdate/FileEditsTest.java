package io.jenkins.plugins.gitops.engine.imageupdate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FileEditsTest {

    static TrackedImage image(String name, String helmName, String helmTag, String helmSpec, String kustomizeName) {
        return new TrackedImage("a", ImageReference.parse(name), "", UpdateStrategy.SEMVER, (Pattern) null, List.of(),
                List.of(), "", helmName, helmTag, helmSpec, kustomizeName);
    }

    @Test
    void sourceOverrideForKustomizeReplacesTheEntryOfTheSameImageAndKeepsOthers() {
        String before = """
                kustomize:
                  images:
                  - redis:7.0
                  - ghcr.io/acme/web:1.0.0
                """;
        String after = FileEdits.sourceOverride(before, FileEdits.Tool.KUSTOMIZE, List.of(
                new ImageChange(image("ghcr.io/acme/web", "", "", "", ""), "1.0.0", "1.1.0"),
                new ImageChange(image("ghcr.io/acme/api", "", "", "", "api-placeholder"), "", "2.0.0")), "f");
        assertThat(after).isEqualTo("""
                kustomize:
                  images:
                  - redis:7.0
                  - ghcr.io/acme/web:1.1.0
                  - api-placeholder=ghcr.io/acme/api:2.0.0
                """);
    }

    @Test
    void sourceOverrideForHelmWritesForcedStringParametersAsImageUpdaterDoes() {
        String after = FileEdits.sourceOverride(null, FileEdits.Tool.HELM, List.of(
                new ImageChange(image("nginx", "", "", "", ""), "1.26.0", "1.27.1"),
                new ImageChange(image("ghcr.io/acme/api", "", "", "api.image", ""), "1.0", "1.1")), "f");
        assertThat(after).isEqualTo("""
                helm:
                  parameters:
                  - name: image.name
                    value: nginx
                    forcestring: true
                  - name: image.tag
                    value: 1.27.1
                    forcestring: true
                  - name: api.image
                    value: ghcr.io/acme/api:1.1
                    forcestring: true
                """);
    }

    @Test
    void kustomizationImagesAndHelmValues() {
        String k = FileEdits.kustomization("""
                resources: [deployment.yaml]
                images:
                - name: web
                  newName: ghcr.io/acme/web
                  newTag: 1.0.0
                """, List.of(new ImageChange(image("ghcr.io/acme/web", "", "", "", "web"), "1.0.0", "1.2.0"),
                new ImageChange(image("redis", "", "", "", ""), "7.0", "latest@sha256:abc")), "kustomization.yaml");
        assertThat(k).isEqualTo("""
                resources: [deployment.yaml]
                images:
                - name: web
                  newName: ghcr.io/acme/web
                  newTag: 1.2.0
                - name: redis
                  digest: sha256:abc
                """);
        String v = FileEdits.helmValues("""
                replicas: 2
                image:
                  repository: ghcr.io/acme/web
                  tag: 1.0.0
                """, List.of(new ImageChange(image("ghcr.io/acme/web", "image.repository", "image.tag", "", ""),
                "1.0.0", "1.2.0")), "values.yaml");
        assertThat(v).isEqualTo("""
                replicas: 2
                image:
                  repository: ghcr.io/acme/web
                  tag: 1.2.0
                """);
        assertThat(FileEdits.helmValues("image: {tag: 1.0.0}\n", List.of(new ImageChange(
                image("ghcr.io/acme/web", "", "", "", ""), "1.0.0", "1.20")), "values.yaml"))
                .as("a tag that looks like a number stays a string").contains("tag: \"1.20\"");
    }

    @Test
    void aCommentedKustomizationChangesOnlyTheValueThatChanges() {
        String before = """
                # Production overlay: reviewed by the platform team
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization

                resources:
                  - ../../base   # shared base
                  - ingress.yaml

                images:
                  # the web front end, bumped by the image updater
                  - name: web
                    newName: ghcr.io/acme/web   # mirrored
                    newTag: "1.0.0"  # pinned by CI
                  - name: redis
                    digest: sha256:0ld

                # trailing notes stay too
                """;
        String after = FileEdits.kustomization(before, List.of(
                new ImageChange(image("ghcr.io/acme/web", "", "", "", "web"), "1.0.0", "1.2.0"),
                new ImageChange(image("redis", "", "", "", ""), "latest@sha256:0ld", "7.2.4"),
                new ImageChange(image("ghcr.io/acme/api", "", "", "", ""), "", "2.0.0")), "kustomization.yaml");
        assertThat(after).isEqualTo("""
                # Production overlay: reviewed by the platform team
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization

                resources:
                  - ../../base   # shared base
                  - ingress.yaml

                images:
                  # the web front end, bumped by the image updater
                  - name: web
                    newName: ghcr.io/acme/web   # mirrored
                    newTag: "1.2.0"  # pinned by CI
                  - name: redis
                    newTag: 7.2.4
                  - name: ghcr.io/acme/api
                    newTag: 2.0.0

                # trailing notes stay too
                """);
    }

    @Test
    void aCommentedHelmValuesFileChangesOnlyTheTagAndAddsAMissingKeyBesideItsSiblings() {
        String before = """
                # Default values for web.
                replicaCount: 2   # scaled by HPA in prod

                image:
                  repository: ghcr.io/acme/web  # where CI pushes
                  # the tag is written by the image updater
                  tag: '1.0.0'
                  pullPolicy: IfNotPresent

                service: {type: ClusterIP, port: 80}
                """;
        String after = FileEdits.helmValues(before, List.of(
                new ImageChange(image("ghcr.io/acme/web", "image.repository", "image.tag", "", ""), "1.0.0", "1.10"),
                new ImageChange(image("ghcr.io/acme/side", "", "", "sidecar.image", ""), "", "0.3.1"),
                new ImageChange(image("ghcr.io/acme/svc", "service.image", "service.tag", "", ""), "", "2.0.0")),
                "values.yaml");
        assertThat(after).isEqualTo("""
                # Default values for web.
                replicaCount: 2   # scaled by HPA in prod

                image:
                  repository: ghcr.io/acme/web  # where CI pushes
                  # the tag is written by the image updater
                  tag: '1.10'
                  pullPolicy: IfNotPresent

                service: {type: ClusterIP, port: 80, image: ghcr.io/acme/svc, tag: 2.0.0}
                sidecar:
                  image: ghcr.io/acme/side:0.3.1
                """);
    }

    @Test
    void anExistingSourceOverrideKeepsItsCommentsAndUpdatesParametersInPlace() {
        String before = """
                # written by the image updater; hand edits are kept
                helm:
                  parameters:
                    - name: image.tag   # the app's tag
                      value: "1.0.0"
                      forcestring: true
                    - name: replicas
                      value: "3"
                """;
        String after = FileEdits.sourceOverride(before, FileEdits.Tool.HELM, List.of(
                new ImageChange(image("ghcr.io/acme/web", "", "", "", ""), "1.0.0", "1.1.0")), "f");
        assertThat(after).isEqualTo("""
                # written by the image updater; hand edits are kept
                helm:
                  parameters:
                    - name: image.tag   # the app's tag
                      value: "1.1.0"
                      forcestring: true
                    - name: replicas
                      value: "3"
                    - name: image.name
                      value: ghcr.io/acme/web
                      forcestring: true
                """);
    }

    @Test
    void aNullValueBecomesTheMappingTheImageNeeds() {
        String after = FileEdits.helmValues("""
                image:   # filled by the image updater
                replicas: 1
                """, List.of(new ImageChange(image("ghcr.io/acme/web", "", "", "", ""), "", "1.0.1")), "values.yaml");
        assertThat(after).isEqualTo("""
                image:
                  name: ghcr.io/acme/web
                  tag: 1.0.1
                replicas: 1
                """);
    }
}
