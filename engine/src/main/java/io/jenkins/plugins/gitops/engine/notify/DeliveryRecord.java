package io.jenkins.plugins.gitops.engine.notify;

import java.time.Instant;

/**
 * One line of an application's notification log, as its page shows it: when, which trigger and template, to which
 * service and recipient, the outcome ({@link #SENT}, {@link #RETRYING}, {@link #FAILED}), how many attempts, and for
 * failures the reason with every secret masked. Never holds bodies or credentials.
 */
public record DeliveryRecord(Instant at, String trigger, String template, String service, String recipient,
        String outcome, int attempts, String message) {

    public static final String SENT = "Sent";
    public static final String RETRYING = "Retrying";
    public static final String FAILED = "Failed";

    com.fasterxml.jackson.databind.node.ObjectNode toJson() {
        var o = io.jenkins.plugins.gitops.engine.model.Yaml.JSON.createObjectNode();
        o.put("at", at.toString());
        o.put("trigger", trigger);
        o.put("template", template);
        o.put("service", service);
        o.put("recipient", recipient);
        o.put("outcome", outcome);
        o.put("attempts", attempts);
        o.put("message", message);
        return o;
    }

    static DeliveryRecord fromJson(com.fasterxml.jackson.databind.JsonNode o) {
        return new DeliveryRecord(Instant.parse(o.path("at").asText()), o.path("trigger").asText(),
                o.path("template").asText(), o.path("service").asText(), o.path("recipient").asText(),
                o.path("outcome").asText(), o.path("attempts").asInt(), o.path("message").asText());
    }

    public boolean failed() {
        return FAILED.equals(outcome);
    }
}
