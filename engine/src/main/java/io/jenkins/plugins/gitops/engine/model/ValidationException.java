package io.jenkins.plugins.gitops.engine.model;

import java.util.List;
import java.util.stream.Collectors;

/** A document is not a valid Application, AppProject or ApplicationSet; names the file and every field at fault. */
public class ValidationException extends RuntimeException {

    private final String file;
    private final List<FieldError> errors;

    public ValidationException(String file, List<FieldError> errors) {
        super(format(file, errors));
        this.file = file;
        this.errors = List.copyOf(errors);
    }

    public ValidationException(String file, String path, String message) {
        this(file, List.of(new FieldError(path, message)));
    }

    public String file() {
        return file;
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String format(String file, List<FieldError> errors) {
        String where = file == null || file.isEmpty() ? "" : file + ": ";
        return where + errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
    }
}
