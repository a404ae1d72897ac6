package io.jenkins.plugins.gitops.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The revision of an automated sync (and self-heal): the commit its comparison saw, as Argo CD's auto-sync sets
 * {@code operation.sync.revision} to the compared SHA - a push between the comparison and the operation is compared
 * first, never deployed unseen. Only where one Git commit names everything: a multi-source application or a chart
 * from a Helm repository keeps its targetRevision.
 */
class AutomatedSyncRevisionTest {

    static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            one Git source                | source: {repoURL: 'https://git.example/r.git', path: app, targetRevision: main}                  | 0123456789abcdef0123456789abcdef01234567 | true
            one Git source, no revision   | source: {repoURL: 'https://git.example/r.git', path: app}                                         | 0123456789abcdef0123456789abcdef01234567 | true
            a chart from a Helm repository| source: {repoURL: 'https://charts.example', chart: web, targetRevision: 1.2.3}                     | 1.2.3                                    | false
            multi-source                  | sources: [{repoURL: 'https://git.example/r.git', path: a}, {repoURL: 'https://git.example/s.git', path: b}] | 0123456789abcdef0123456789abcdef01234567 | false
            comparison without a commit   | source: {repoURL: 'https://git.example/r.git', path: app}                                         | ''                                       | false
            """)
    void anAutomatedSyncDeploysTheComparedCommit(String what, String source, String compared, boolean pinned) {
        Application app = ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: web}
                spec:
                  project: default
                  %s
                  destination: {server: "https://kubernetes.default.svc", namespace: shop}
                  syncPolicy: {automated: {}}
                """.formatted(source), "web.yaml");

        assertThat(Controller.comparedCommit(app, compared)).isEqualTo(pinned ? compared : null);
    }
}
