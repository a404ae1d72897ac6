package io.jenkins.plugins.gitops.bench.compare;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.gitops.bench.render.BenchApplications;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.cluster.live.LiveStateLister;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.render.ManifestGenerator;
import io.jenkins.plugins.gitops.engine.render.RenderRequest;
import io.jenkins.plugins.gitops.engine.render.RenderSettings;
import io.jenkins.plugins.gitops.engine.render.RenderedManifests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Child task: one command-line style comparison in a fresh JVM, the counterpart of {@code kubectl diff -R -f DIR}:
 * render the manifest directory, connect with the kubeconfig, list the kinds once, diff, assess health. Arguments:
 * kubeconfig, manifest directory, application name, destination namespace, expected object count.
 */
public final class CompareOnce {

    public static final String NAME = "compare-cold";

    private CompareOnce() {}

    public static void main(List<String> args) throws Exception {
        if (args.size() != 5) {
            throw new IllegalArgumentException(NAME + " expects KUBECONFIG DIR APP NAMESPACE EXPECTED, got " + args);
        }
        Path dir = Path.of(args.get(1));
        String appName = args.get(2);
        String namespace = args.get(3);
        int expected = Integer.parseInt(args.get(4));
        Application app = BenchApplications.directoryApp(appName, "https://git.invalid/bench.git", ".", namespace);
        RenderedManifests desired = new ManifestGenerator(RenderSettings.defaults(), null, null)
                .render(RenderRequest.of(dir, app, "local"));
        Config config = Config.fromKubeconfig(Files.readString(Path.of(args.get(0)), StandardCharsets.UTF_8));
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            Comparison comparison = new Comparison(appName, desired.objects(), namespace);
            Comparison.Outcome outcome = comparison.against(new LiveStateLister(client, EngineLog.NONE, comparison.kinds()));
            Comparison.verify(outcome, expected);
            System.out.println(Comparison.summary(outcome));
        }
    }
}
