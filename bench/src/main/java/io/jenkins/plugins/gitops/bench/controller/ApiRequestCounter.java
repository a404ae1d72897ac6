package io.jenkins.plugins.gitops.bench.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests a real API server has served, by verb (LIST, WATCH, GET, ...), from its own metrics endpoint
 * ({@code apiserver_request_total}, summed over resources, codes and clients). The counts include other clients of
 * the server (kube-controller-manager, the counter's own scrape): a delta over an idle period is the noise floor.
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
                out.merge(verb.group(1), (long) Double.parseDouble(m.group(2)), Long::sum);
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
