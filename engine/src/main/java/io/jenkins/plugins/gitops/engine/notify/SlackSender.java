package io.jenkins.plugins.gitops.engine.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slack: with {@code token}, Argo CD's way - {@code chat.postMessage} at {@code apiURL} (default
 * {@code https://slack.com/api}) to the recipient channel; with {@code webhookUrl}, an incoming webhook (the
 * recipient, if any, becomes {@code channel}). Both post {@code text} (the message), {@code username},
 * {@code icon_emoji} or {@code icon_url} from {@code icon}, and the template's {@code slack.attachments} and
 * {@code slack.blocks} (JSON text, parsed).
 */
final class SlackSender implements Sender {

    @Override
    public void send(Notification n) throws Exception {
        ServiceConfig s = n.service();
        ObjectNode body = Yaml.JSON.createObjectNode();
        if (!n.recipient().isEmpty()) {
            body.put("channel", n.recipient());
        }
        body.put("text", n.message());
        if (s.string("username") != null) {
            body.put("username", s.string("username"));
        }
        String icon = s.string("icon");
        if (icon != null && !icon.isEmpty()) {
            body.put(icon.startsWith(":") ? "icon_emoji" : "icon_url", icon);
        }
        for (String part : new String[] {"attachments", "blocks"}) {
            String json = n.field("slack", part);
            if (json != null && !json.isBlank()) {
                try {
                    body.set(part, Yaml.JSON.readTree(json));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new Permanent("template " + n.template() + " slack." + part + " is not JSON: "
                            + e.getOriginalMessage());
                }
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        String token = s.string("token");
        if (token != null && !token.isEmpty()) {
            if (n.recipient().isEmpty()) {
                throw new Permanent("slack service " + s.name() + " needs a channel as recipient");
            }
            headers.put("Authorization", "Bearer " + token);
            String api = s.string("apiURL", "https://slack.com/api").replaceAll("/+$", "");
            JsonNode answer = Yaml.JSON.readTree(Http.send("POST", api + "/chat.postMessage", headers,
                    Yaml.JSON.writeValueAsString(body)));
            if (!answer.path("ok").asBoolean(false)) {
                throw new Permanent("slack chat.postMessage to " + n.recipient() + " failed: "
                        + answer.path("error").asText("no ok in the answer"));
            }
        } else {
            Http.send("POST", s.string("webhookUrl"), headers, Yaml.JSON.writeValueAsString(body));
        }
    }
}
