package io.jenkins.plugins.gitops.engine.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.appset.TemplateException;
import io.jenkins.plugins.gitops.engine.appset.TextTemplate;
import io.jenkins.plugins.gitops.engine.model.FieldError;
import io.jenkins.plugins.gitops.engine.model.ValidationException;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Notification configuration in Argo CD's {@code argocd-notifications-cm} shape: {@code trigger.<name>},
 * {@code template.<name>}, {@code service.<type>[.<name>]}, {@code subscriptions}, {@code defaultTriggers} and
 * {@code context}, each value a YAML string as in the ConfigMap's {@code data}. The Argo CD catalog (every
 * {@code on-*} trigger and {@code app-*} template) is built in underneath; the user's keys replace catalog keys.
 * Service settings may reference secrets as {@code $key}, resolved when the configuration is parsed.
 *
 * <p>Invariant: a parsed configuration is consistent - every trigger sends existing templates, every
 * subscription names an existing trigger and service, every template and condition parses. Anything else is a
 * {@link ValidationException} naming the key and field ({@code trigger.on-x[0].when: ...}).
 */
public record NotificationConfig(Map<String, Trigger> triggers, Map<String, Template> templates,
        Map<String, ServiceConfig> services, List<Subscription> subscriptions, List<String> defaultTriggers,
        Map<String, String> context) {

    public static final String CATALOG = "catalog.yaml";

    /** No services, no subscriptions: the catalog only (nothing is sent). */
    public static NotificationConfig empty() {
        return parse(Map.of(), key -> null, "");
    }

    public boolean isEmpty() {
        return services.isEmpty();
    }

    /** All resolved secret values, for masking anything shown to people. */
    public List<String> secretValues() {
        List<String> out = new ArrayList<>();
        services.values().forEach(s -> out.addAll(s.secretValues()));
        return out;
    }

    /**
     * Parses ConfigMap-shaped data over the built-in catalog. {@code secrets} answers {@code $key} references (null:
     * undefined, an error naming the service field). {@code source} names the file or page for error messages.
     */
    public static NotificationConfig parse(Map<String, String> data, Function<String, String> secrets, String source) {
        Map<String, String> all = new TreeMap<>(catalog());
        all.putAll(data);
        return new Parser(secrets).parse(all, source);
    }

    /** Reads a ConfigMap document ({@code kind: ConfigMap}, {@code data: ...}) or a bare data map from YAML. */
    public static Map<String, String> readData(String yaml, String source) {
        JsonNode root;
        try {
            root = Yaml.YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ValidationException(source, "", "not YAML: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return Map.of();
        }
        JsonNode data = root.has("kind") ? root.path("data") : root;
        if (root.has("kind") && !"ConfigMap".equals(root.path("kind").asText())) {
            throw new ValidationException(source, "kind", "must be ConfigMap, not '" + root.path("kind").asText()
                    + "'");
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (data.isMissingNode() || data.isNull()) {
            return out;
        }
        if (!data.isObject()) {
            throw new ValidationException(source, "data", "must be a map of strings");
        }
        data.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText()
                : Yaml.write(e.getValue())));
        return out;
    }

    /**
     * A subscription entered as a form row or Configuration as Code entry: one trigger, one service, recipients
     * separated by {@code ;} (may be empty: webhooks), a label selector ({@code team=shop,env=prod}).
     */
    public record GlobalSubscription(String trigger, String service, String recipients, String selector) {}

    /**
     * Appends global subscriptions to the {@code subscriptions} key of ConfigMap data, in the key's own shape, so
     * that they are validated like the rest ({@code subscriptions[2].triggers: unknown trigger ...}).
     */
    public static Map<String, String> withSubscriptions(Map<String, String> data, List<GlobalSubscription> extra) {
        if (extra.isEmpty()) {
            return data;
        }
        Map<String, String> out = new LinkedHashMap<>(data);
        com.fasterxml.jackson.databind.node.ArrayNode list = Yaml.JSON.createArrayNode();
        String existing = data.get("subscriptions");
        if (existing != null && !existing.isBlank()) {
            try {
                JsonNode n = Yaml.YAML.readTree(existing);
                if (n != null && n.isArray()) {
                    list.addAll((com.fasterxml.jackson.databind.node.ArrayNode) n);
                } else {
                    return data; // let parse() report the malformed key
                }
            } catch (JsonProcessingException e) {
                return data;
            }
        }
        for (GlobalSubscription g : extra) {
            var o = list.addObject();
            var recipients = o.putArray("recipients");
            String service = g.service() == null ? "" : g.service().trim();
            String rs = g.recipients() == null ? "" : g.recipients().trim();
            if (rs.isEmpty()) {
                recipients.add(service);
            } else {
                for (String r : rs.split("[;,]")) {
                    if (!r.isBlank()) {
                        recipients.add(service + ":" + r.trim());
                    }
                }
            }
            o.putArray("triggers").add(g.trigger() == null ? "" : g.trigger().trim());
            if (g.selector() != null && !g.selector().isBlank()) {
                o.put("selector", g.selector().trim());
            }
        }
        out.put("subscriptions", Yaml.write(list));
        return out;
    }

    private static Map<String, String> catalogData;

    static synchronized Map<String, String> catalog() {
        if (catalogData == null) {
            try (InputStream in = NotificationConfig.class.getResourceAsStream(CATALOG)) {
                catalogData = Map.copyOf(readData(new String(in.readAllBytes(), StandardCharsets.UTF_8), CATALOG));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return catalogData;
    }

    private static final class Parser {
        private final Function<String, String> secrets;
        private final List<FieldError> errors = new ArrayList<>();

        Parser(Function<String, String> secrets) {
            this.secrets = secrets;
        }

        NotificationConfig parse(Map<String, String> data, String source) {
            Map<String, Trigger> triggers = new TreeMap<>();
            Map<String, Template> templates = new TreeMap<>();
            Map<String, ServiceConfig> services = new TreeMap<>();
            Map<String, String> context = new TreeMap<>();
            List<String> defaultTriggers = new ArrayList<>();
            List<Subscription> subscriptions = new ArrayList<>();
            Map<String, JsonNode> subscriptionYaml = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : data.entrySet()) {
                String key = e.getKey();
                JsonNode node = yaml(key, e.getValue());
                if (node == null) {
                    continue;
                }
                if (key.startsWith("trigger.")) {
                    Trigger t = trigger(key, key.substring("trigger.".length()), node);
                    if (t != null) {
                        triggers.put(t.name(), t);
                    }
                } else if (key.startsWith("template.")) {
                    templates.put(key.substring("template.".length()),
                            new Template(key.substring("template.".length()), tree(key, node)));
                } else if (key.startsWith("service.")) {
                    ServiceConfig s = service(key, node);
                    if (s != null) {
                        if (services.containsKey(s.name())) {
                            errors.add(new FieldError(key, "service name '" + s.name() + "' is defined twice"));
                        }
                        services.put(s.name(), s);
                    }
                } else if (key.equals("subscriptions")) {
                    subscriptionYaml.put(key, node);
                } else if (key.equals("defaultTriggers") || key.startsWith("defaultTriggers.")) {
                    defaultTriggers.addAll(strings(key, node));
                } else if (key.equals("context")) {
                    if (node.isObject()) {
                        node.fields().forEachRemaining(c -> context.put(c.getKey(), c.getValue().asText()));
                    } else {
                        errors.add(new FieldError(key, "must be a map of strings"));
                    }
                } else {
                    errors.add(new FieldError(key, "unknown key; expected trigger.<name>, template.<name>, "
                            + "service.<type>[.<name>], subscriptions, defaultTriggers or context"));
                }
            }
            triggers.forEach((name, t) -> {
                for (int i = 0; i < t.conditions().size(); i++) {
                    for (String tpl : t.conditions().get(i).send()) {
                        if (!templates.containsKey(tpl)) {
                            errors.add(new FieldError("trigger." + name + "[" + i + "].send",
                                    "unknown template '" + tpl + "'"));
                        }
                    }
                }
            });
            for (int i = 0; i < defaultTriggers.size(); i++) {
                if (!triggers.containsKey(defaultTriggers.get(i))) {
                    errors.add(new FieldError("defaultTriggers[" + i + "]", "unknown trigger '"
                            + defaultTriggers.get(i) + "'; known: " + String.join(", ", triggers.keySet())));
                }
            }
            subscriptionYaml.forEach((key, node) -> subscriptions.addAll(subscriptions(key, node, triggers,
                    services, defaultTriggers)));
            templates.forEach((name, t) -> {
                if (t.tree().get("webhook") instanceof Map<?, ?> hooks) {
                    for (Object hook : hooks.keySet()) {
                        ServiceConfig s = services.get(String.valueOf(hook));
                        if (s != null && !s.type().equals("webhook")) {
                            errors.add(new FieldError("template." + name + ".webhook." + hook,
                                    "service '" + hook + "' is a " + s.type() + " service, not a webhook"));
                        }
                    }
                }
            });
            if (!errors.isEmpty()) {
                throw new ValidationException(source, errors);
            }
            return new NotificationConfig(sorted(triggers), sorted(templates), sorted(services),
                    List.copyOf(subscriptions), List.copyOf(defaultTriggers), sorted(context));
        }

        private static <T> Map<String, T> sorted(Map<String, T> m) {
            return java.util.Collections.unmodifiableMap(new TreeMap<>(m));
        }

        private JsonNode yaml(String key, String value) {
            try {
                JsonNode n = Yaml.YAML.readTree(value == null ? "" : value);
                return n == null || n.isMissingNode() ? Yaml.JSON.nullNode() : n;
            } catch (JsonProcessingException e) {
                errors.add(new FieldError(key, "not YAML: " + e.getOriginalMessage()));
                return null;
            }
        }

        private Trigger trigger(String key, String name, JsonNode node) {
            if (!node.isArray()) {
                errors.add(new FieldError(key, "must be a list of conditions (- when: ..., send: [...])"));
                return null;
            }
            List<Trigger.Condition> conditions = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode c = node.get(i);
                String at = key + "[" + i + "]";
                for (Iterator<String> f = c.fieldNames(); f.hasNext();) {
                    String field = f.next();
                    if (!List.of("when", "oncePer", "send", "description").contains(field)) {
                        errors.add(new FieldError(at + "." + field, "unknown field; expected when, oncePer, send, "
                                + "description"));
                    }
                }
                Expr when = expr(at + ".when", c.path("when"), true);
                Expr oncePer = c.has("oncePer") ? expr(at + ".oncePer", c.path("oncePer"), false) : null;
                List<String> send = strings(at + ".send", c.path("send"));
                if (send.isEmpty()) {
                    errors.add(new FieldError(at + ".send", "must name at least one template"));
                }
                conditions.add(new Trigger.Condition(c.path("description").asText(""), when, oncePer, send));
            }
            return new Trigger(name, List.copyOf(conditions));
        }

        private Expr expr(String field, JsonNode n, boolean required) {
            if (n.isMissingNode() || n.isNull() || n.asText().isBlank()) {
                if (required) {
                    errors.add(new FieldError(field, "is required"));
                }
                return null;
            }
            try {
                return Expr.parse(n.asText());
            } catch (ExprException e) {
                errors.add(new FieldError(field, e.getMessage()));
                return null;
            }
        }

        private Map<String, Object> tree(String key, JsonNode node) {
            if (!node.isObject()) {
                errors.add(new FieldError(key, "must be a map (message:, email:, slack:, webhook:, ...)"));
                return Map.of();
            }
            Map<String, Object> out = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> out.put(e.getKey(), leaf(key + "." + e.getKey(), e.getValue())));
            return out;
        }

        private Object leaf(String field, JsonNode n) {
            if (n.isObject()) {
                Map<String, Object> out = new LinkedHashMap<>();
                n.fields().forEachRemaining(e -> out.put(e.getKey(), leaf(field + "." + e.getKey(), e.getValue())));
                return out;
            }
            if (n.isArray()) {
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < n.size(); i++) {
                    out.add(leaf(field + "[" + i + "]", n.get(i)));
                }
                return out;
            }
            if (n.isNull()) {
                return "";
            }
            try {
                return TextTemplate.parse(n.asText());
            } catch (TemplateException e) {
                errors.add(new FieldError(field, e.getMessage()));
                return "";
            }
        }

        private ServiceConfig service(String key, JsonNode node) {
            String[] parts = key.substring("service.".length()).split("\\.", 2);
            String type = parts[0];
            String name = parts.length > 1 ? parts[1] : type;
            if (!ServiceConfig.TYPES.contains(type)) {
                errors.add(new FieldError(key, "unknown service type '" + type + "'; supported: "
                        + String.join(", ", ServiceConfig.TYPES)));
                return null;
            }
            if (!node.isObject() && !node.isNull()) {
                errors.add(new FieldError(key, "must be a map of settings"));
                return null;
            }
            List<String> secretValues = new ArrayList<>();
            @SuppressWarnings("unchecked")
            Map<String, Object> settings = node.isNull() ? new LinkedHashMap<>()
                    : (Map<String, Object>) resolve(key, Yaml.JSON.convertValue(node, Map.class), secretValues);
            List<String> required = switch (type) {
                case "webhook" -> List.of("url");
                case "email" -> List.of("host", "from");
                case "github" -> List.of("token");
                default -> List.of();
            };
            for (String r : required) {
                if (settings.get(r) == null || String.valueOf(settings.get(r)).isBlank()) {
                    errors.add(new FieldError(key + "." + r, "is required for a " + type + " service"));
                }
            }
            if (type.equals("slack") && settings.get("token") == null && settings.get("webhookUrl") == null) {
                errors.add(new FieldError(key, "needs token (chat.postMessage) or webhookUrl (incoming webhook)"));
            }
            return new ServiceConfig(name, type, settings, List.copyOf(secretValues));
        }

        /** Replaces string values {@code $key} by the secret, recording the values for masking. */
        private Object resolve(String field, Object v, List<String> secretValues) {
            if (v instanceof String s && s.startsWith("$") && s.length() > 1) {
                String value = secrets.apply(s.substring(1));
                if (value == null) {
                    errors.add(new FieldError(field, "secret '" + s.substring(1) + "' is not defined"));
                    return "";
                }
                if (!value.isEmpty()) {
                    secretValues.add(value);
                }
                return value;
            }
            if (v instanceof Map<?, ?> m) {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, x) -> out.put(String.valueOf(k), resolve(field + "." + k, x, secretValues)));
                return out;
            }
            if (v instanceof List<?> l) {
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < l.size(); i++) {
                    out.add(resolve(field + "[" + i + "]", l.get(i), secretValues));
                }
                return out;
            }
            return v;
        }

        private List<String> strings(String field, JsonNode n) {
            List<String> out = new ArrayList<>();
            if (n.isMissingNode() || n.isNull()) {
                return out;
            }
            if (n.isTextual()) {
                out.add(n.asText());
                return out;
            }
            if (!n.isArray()) {
                errors.add(new FieldError(field, "must be a list of strings"));
                return out;
            }
            n.forEach(i -> out.add(i.asText()));
            return out;
        }

        private List<Subscription> subscriptions(String key, JsonNode node, Map<String, Trigger> triggers,
                Map<String, ServiceConfig> services, List<String> defaults) {
            List<Subscription> out = new ArrayList<>();
            if (!node.isArray()) {
                if (!node.isNull()) {
                    errors.add(new FieldError(key, "must be a list (- recipients: [slack:channel], triggers: [...])"));
                }
                return out;
            }
            for (int i = 0; i < node.size(); i++) {
                JsonNode s = node.get(i);
                String at = key + "[" + i + "]";
                List<String> names = strings(at + ".triggers", s.path("triggers"));
                if (names.isEmpty()) {
                    names = defaults;
                }
                if (names.isEmpty()) {
                    errors.add(new FieldError(at + ".triggers", "is required (no defaultTriggers configured)"));
                }
                for (String t : names) {
                    if (!triggers.containsKey(t)) {
                        errors.add(new FieldError(at + ".triggers", "unknown trigger '" + t + "'"));
                    }
                }
                Map<String, String> selector = selector(at + ".selector", s.path("selector").asText(""));
                Map<String, List<String>> byService = new LinkedHashMap<>();
                List<String> recipients = strings(at + ".recipients", s.path("recipients"));
                for (String r : recipients) {
                    int colon = r.indexOf(':');
                    String service = colon < 0 ? r.trim() : r.substring(0, colon).trim();
                    String recipient = colon < 0 ? "" : r.substring(colon + 1).trim();
                    if (!services.containsKey(service)) {
                        errors.add(new FieldError(at + ".recipients", "unknown service '" + service + "'"
                                + (services.isEmpty() ? "" : "; known: " + String.join(", ", services.keySet()))));
                        continue;
                    }
                    List<String> list = byService.computeIfAbsent(service, k -> new ArrayList<>());
                    if (!recipient.isEmpty()) {
                        list.add(recipient);
                    }
                }
                for (String t : names) {
                    byService.forEach((service, list) -> out.add(new Subscription(t, service, List.copyOf(list),
                            selector)));
                }
            }
            return out;
        }

        private Map<String, String> selector(String field, String text) {
            Map<String, String> out = new TreeMap<>();
            for (String part : text.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                String[] kv = part.split("==?", 2);
                if (kv.length != 2 || kv[0].isBlank()) {
                    errors.add(new FieldError(field, "'" + part.trim() + "' is not label=value"));
                    continue;
                }
                out.put(kv[0].trim(), kv[1].trim());
            }
            return out;
        }
    }
}
