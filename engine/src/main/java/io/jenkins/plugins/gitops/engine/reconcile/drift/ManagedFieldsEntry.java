package io.jenkins.plugins.gitops.engine.reconcile.drift;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One element of a live object's {@code metadata.managedFields}: who wrote ({@code manager}), how
 * ({@code operation}: {@code Update} or {@code Apply}), when ({@code time}, null when absent or unreadable), through
 * which subresource ({@code status}, {@code scale}; empty for the main resource) and which fields it owns
 * ({@code fieldsV1}).
 *
 * @param position index in the managedFields list, which breaks ties between equally recent owners
 */
record ManagedFieldsEntry(String manager, String operation, Instant time, String subresource, JsonNode fields,
        int position) {

    /** The entries of a live object that carry a fieldsV1 set; empty when the object has none. */
    static List<ManagedFieldsEntry> of(JsonNode liveObject) {
        JsonNode list = liveObject == null ? null : liveObject.path("metadata").get("managedFields");
        if (list == null || !list.isArray()) {
            return List.of();
        }
        List<ManagedFieldsEntry> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            JsonNode fields = e.get("fieldsV1");
            if (fields != null && fields.isObject() && !fields.isEmpty()) {
                out.add(new ManagedFieldsEntry(e.path("manager").asText(""), e.path("operation").asText(""),
                        time(e.path("time").asText("")), e.path("subresource").asText(""), fields, i));
            }
        }
        return List.copyOf(out);
    }

    /** RFC 3339 as the API server writes it ({@code 2024-05-01T10:15:00Z}); null when absent or unreadable. */
    private static Instant time(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
