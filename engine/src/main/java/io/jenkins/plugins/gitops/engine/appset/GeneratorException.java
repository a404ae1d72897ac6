package io.jenkins.plugins.gitops.engine.appset;

/**
 * An ApplicationSet generator could not produce its parameters, or a parameter set could not be turned into an
 * Application. The message names the set, its file, the generator ({@code spec.generators[1].matrix.generators[0].git})
 * and, where one is involved, the parameter set.
 */
public class GeneratorException extends RuntimeException {

    private final String path;

    public GeneratorException(String path, String message) {
        super(path.isEmpty() ? message : path + ": " + message);
        this.path = path;
    }

    public GeneratorException(String path, String message, Throwable cause) {
        super(path.isEmpty() ? message : path + ": " + message, cause);
        this.path = path;
    }

    private GeneratorException(String path, String message, Throwable cause, boolean raw) {
        super(message, cause);
        this.path = path;
    }

    /** The same error, its message prefixed with the ApplicationSet's name and file. */
    GeneratorException inSet(String set, String file) {
        String where = "ApplicationSet '" + set + "'" + (file == null || file.isEmpty() ? "" : " (" + file + ")");
        GeneratorException e = new GeneratorException(path, where + ": " + getMessage(), getCause(), true);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** The generator's field path inside the ApplicationSet. */
    public String path() {
        return path;
    }
}
