package io.jenkins.plugins.gitops.engine.sync;

import java.util.Arrays;
import java.util.Locale;

/** Values of the {@code Prune} and {@code Delete} sync options: {@code true}, {@code false} or {@code confirm}. */
public enum DeletionMode {
    /** {@code true} (the default): the object may be deleted. */
    ALLOWED("true"),
    /** {@code false}: never delete the object; it stays and is reported. */
    DISABLED("false"),
    /** {@code confirm}: delete only after a person confirmed it. */
    CONFIRM("confirm");

    private final String value;

    DeletionMode(String value) {
        this.value = value;
    }

    /** The option value as written, e.g. {@code confirm}. */
    public String value() {
        return value;
    }

    static DeletionMode parse(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.value.equals(lower)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("expected true, false or confirm"));
    }
}
