package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * core/Pod, as gitops-engine {@code health_pod.go}.
 *
 * <p>Pods with restart policy {@code Always} (the Kubernetes default) are long-running: a container waiting with a
 * reason that starts with {@code Err} or ends with {@code Error} or {@code BackOff} (CrashLoopBackOff,
 * ImagePullBackOff, ErrImagePull, CreateContainerConfigError...) makes the pod Degraded; a running pod is Healthy
 * once Ready, Degraded when a container has terminated before, else Progressing. Pods with {@code Never} or
 * {@code OnFailure} have a finite life (typically hooks): they stay Progressing while running, so a hook is not
 * failed prematurely by a transient image pull error, and end Healthy (Succeeded) or Degraded (Failed).
 *
 * <p>One deliberate difference: waiting init containers are checked too, so {@code Init:CrashLoopBackOff} is
 * Degraded rather than Progressing forever.
 */
final class PodHealthCheck implements HealthCheck {

    @Override
    public Optional<Health> assess(KubeObject pod) {
        return Optional.of(health(pod));
    }

    private static Health health(KubeObject pod) {
        String restartPolicy = Fields.text(pod, "/spec/restartPolicy");
        boolean always = restartPolicy.isEmpty() || restartPolicy.equals("Always");
        JsonNode initStatuses = Fields.array(pod, "/status/initContainerStatuses");
        JsonNode statuses = Fields.array(pod, "/status/containerStatuses");
        if (always) {
            List<String> errors = new ArrayList<>();
            collectWaitingErrors(initStatuses, errors);
            collectWaitingErrors(statuses, errors);
            if (!errors.isEmpty()) {
                return Health.degraded(String.join(", ", errors));
            }
        }
        String message = Fields.text(pod, "/status/message");
        String phase = Fields.text(pod, "/status/phase");
        switch (phase) {
            case "Pending":
                return Health.progressing(message);
            case "Succeeded":
                return Health.healthy(message);
            case "Failed":
                return Health.degraded(message.isEmpty() ? failMessage(initStatuses, statuses) : message);
            case "Running":
                if (!always) {
                    return Health.progressing(message);
                }
                if (Condition.find(Condition.of(pod), "Ready").filter(Condition::isTrue).isPresent()) {
                    return Health.healthy(message);
                }
                for (JsonNode s : statuses) {
                    if (s.path("lastState").has("terminated")) {
                        return Health.degraded(message);
                    }
                }
                return Health.progressing(message);
            default:
                return Health.unknown(message.isEmpty() ? "Pod phase \"" + phase + "\" is not known" : message);
        }
    }

    private static void collectWaitingErrors(JsonNode statuses, List<String> errors) {
        for (JsonNode s : statuses) {
            JsonNode waiting = s.path("state").path("waiting");
            String reason = waiting.path("reason").asText("");
            if (reason.startsWith("Err") || reason.endsWith("Error") || reason.endsWith("BackOff")) {
                String msg = waiting.path("message").asText("");
                errors.add(msg.isEmpty() ? "container \"" + s.path("name").asText() + "\": " + reason : msg);
            }
        }
    }

    /** First useful termination message of a failed pod, init containers first. */
    private static String failMessage(JsonNode initStatuses, JsonNode statuses) {
        for (JsonNode list : List.of(initStatuses, statuses)) {
            for (JsonNode s : list) {
                JsonNode terminated = s.path("state").path("terminated");
                if (terminated.isMissingNode() || terminated.isNull()) {
                    continue;
                }
                String msg = terminated.path("message").asText("");
                if (!msg.isEmpty()) {
                    return msg;
                }
                if (terminated.path("reason").asText("").equals("OOMKilled")) {
                    return "OOMKilled";
                }
                long exitCode = terminated.path("exitCode").asLong(0);
                if (exitCode != 0) {
                    return "container \"" + s.path("name").asText() + "\" failed with exit code " + exitCode;
                }
            }
        }
        return "";
    }
}
