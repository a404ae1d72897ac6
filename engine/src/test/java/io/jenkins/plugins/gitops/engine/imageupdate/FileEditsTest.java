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
                resources:
                - deployment.yaml
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
}
