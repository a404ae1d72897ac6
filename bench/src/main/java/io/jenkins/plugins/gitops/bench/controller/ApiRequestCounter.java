package io.jenkins.plugins.gitops.bench.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests a real API server has served, by verb (LIST, WATCH, GET, ...), from its own metrics endpoint
 * ({@code apiserver_request_total}, summed over resources and codes). Requests of the API server's own loopback
 * clients ({@code system_client="kube-apiserver"}: e.g. its ClusterIP repair loop lists every Service every few
 * minutes, its RBAC and admission informers re-list) are counted apart, as {@code self:VERB}: they happen whatever
 * the controller does. The rest includes every other client of the server (kube-controller-manager when it runs, the
 * counter's own scrape, a GET).
 */
final class ApiRequestCounter {

    private static final Pattern SAMPLE = Pattern.compile("^apiserver_request_total\\{([^}]*)\\} ([0-9.e+]+)$");
    private static final Pattern VERB = Pattern.compile("(?:^|,)verb=\"([A-Z]+)\"");

    private final KubernetesClient client;

    ApiRequestCounter(KubernetesClient client) {
        this.client = client;
    }

    Map<String, Long> byVerb() {
        Map<String, Long> out = new TreeMap<>();
        for (String line : client.raw("/metrics").split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Matcher verb = VERB.matcher(m.group(1));
            if (verb.find()) {
                String prefix = m.group(1).contains("system_client=\"kube-apiserver\"") ? "self:" : "";
                out.merge(prefix + verb.group(1), (long) Double.parseDouble(m.group(2)), Long::sum);
            }
        }
        return out;
    }

    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> out = new TreeMap<>();
        after.forEach((verb, n) -> {
            long d = n - before.getOrDefault(verb, 0L);
            if (d != 0) {
                out.put(verb, d);
            }
        });
        return out;
    }
}
