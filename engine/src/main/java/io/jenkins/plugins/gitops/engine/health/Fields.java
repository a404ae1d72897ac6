package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.OptionalLong;

/**
 * Typed, strict reads of status and spec fields by JSON pointer. An absent field reads as its Go zero value (as
 * gitops-engine's conversion to typed objects does); a present field of the wrong type is an error that names it.
 */
final class Fields {

    private Fields() {}

    /** Integer at {@code pointer}, 0 when absent or null. */
    static long integer(KubeObject obj, String pointer) {
        return optionalInteger(obj, pointer).orElse(0);
    }

    /** Integer at {@code pointer}, empty when absent or null (Go's nil pointer, e.g. {@code spec.replicas}). */
    static OptionalLong optionalInteger(KubeObject obj, String pointer) {
        JsonNode n = obj.at(pointer);
        if (n.isMissingNode() || n.isNull()) {
            return OptionalLong.empty();
        }
        if (n.canConvertToExactIntegral() || n.isIntegralNumber()) {
            return OptionalLong.of(n.asLong());
        }
        if (n.isTextual() && n.asText().matches("-?\\d{1,18}")) {
            return OptionalLong.of(Long.parseLong(n.asText()));
        }
        throw new IllegalArgumentException(dotted(pointer) + ": expected an integer but found " + describe(n));
    }

    /** Text at {@code pointer}, empty when absent or null. */
    static String text(KubeObject obj, String pointer) {
        JsonNode n = obj.at(pointer);
        if (n.isMissingNode() || n.isNull()) {
            return "";
        }
        if (n.isValueNode()) {
            return n.asText();
        }
        throw new IllegalArgumentException(dotted(pointer) + ": expected a string but found " + describe(n));
    }

    /** Boolean at {@code pointer}, false when absent or null. */
    static boolean bool(KubeObject obj, String pointer) {
        JsonNode n = obj.at(pointer);
        if (n.isMissingNode() || n.isNull()) {
            return false;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isTextual() && (n.asText().equals("true") || n.asText().equals("false"))) {
            return Boolean.parseBoolean(n.asText());
        }
        throw new IllegalArgumentException(dotted(pointer) + ": expected true or false but found " + describe(n));
    }

    /** Array at {@code pointer}; an empty array node when absent or null. */
    static JsonNode array(KubeObject obj, String pointer) {
        JsonNode n = obj.at(pointer);
        if (n.isMissingNode() || n.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!n.isArray()) {
            throw new IllegalArgumentException(dotted(pointer) + ": expected a list but found " + describe(n));
        }
        return n;
    }

    /** {@code /status/observedGeneration} as {@code status.observedGeneration}, for messages. */
    static String dotted(String pointer) {
        return pointer.substring(1).replace('/', '.');
    }

    private static String describe(JsonNode n) {
        if (n.isObject()) {
            return "an object";
        }
        if (n.isArray()) {
            return "a list";
        }
        return "\"" + n.asText() + "\"";
    }
}
