package io.jenkins.plugins.gitops.engine.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.JsonnetSource;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.PathSafety;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates one {@code .jsonnet} file of a directory source with sjsonnet (Databricks' JVM Jsonnet, from the
 * {@link JsonnetRuntime}), configured as Argo CD's {@code makeJsonnetVm}: {@code extVars} and {@code tlas} (strings,
 * or code with {@code code: true}) after build-environment substitution, and the import search paths of Argo CD (the
 * application directory and the {@code libs}, relative to the repository root; see {@code sjsonnet.RepositoryImporter}). The output - one object, or an array of objects - becomes
 * manifests as Argo CD reads it; {@code List} objects are flattened later with every other tool's output.
 *
 * <p>Errors are one line naming the file (repository-relative), the kind of error, the line and column sjsonnet
 * reports (in the imported file when it is another one) and its message. Evaluation runs on its own thread with a
 * deep stack and the tool timeout.
 */
final class JsonnetEvaluator {

    /** Stack for one evaluation: deep recursion in Jsonnet libraries is common (go-jsonnet allows 500 frames). */
    private static final long STACK_BYTES = 64L * 1024 * 1024;
    /** sjsonnet's first message line: {@code sjsonnet.ParseError: Expected "]":3:1, found ""}. */
    private static final Pattern KIND = Pattern.compile("^sjsonnet\\.(\\w*Error|Error)(?: \\[[^]]*])?:\\s*");
    /** A stack frame location: {@code at [Error].(app/main.jsonnet:1:16)}. */
    private static final Pattern FRAME = Pattern.compile("\\(([^():]+):(\\d+):(\\d+)\\)");
    /** The position sjsonnet's parser embeds in its message ({@code :3:1}). */
    private static final Pattern INLINE_POSITION = Pattern.compile(":\\d+:\\d+(?=,|$)");

    private JsonnetEvaluator() {}

    /** The manifests of {@code file}, named {@code name} (repository-relative) in objects and errors. */
    static List<KubeObject> render(Path file, String name, RenderContext context) {
        AppDirectory app = context.appDirectory();
        JsonnetSource settings = context.source().directory().jsonnet();
        Path realRoot = app.checkInside(app.repoRoot());
        List<Path> jpaths = new ArrayList<>();
        jpaths.add(app.dir());
        for (String lib : settings.libs()) {
            String rel = lib.startsWith("/") ? lib.substring(1) : lib;
            if (PathSafety.escapes(rel)) {
                throw new RenderException("directory.jsonnet.libs '" + lib + "' leaves the repository");
            }
            jpaths.add(app.repoRoot().resolve(rel).normalize());
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RenderException(name + ": cannot read: " + e.getMessage(), e);
        }
        JsonnetVm vm = JsonnetRuntime.vm(context.settings().jsonnetRuntime());
        JsonnetVm.Request request = new JsonnetVm.Request(app.repoRoot(), realRoot, jpaths, file, text,
                codeOf(settings.extVars(), context), codeOf(settings.tlas(), context),
                warning -> context.warn(name + ": Jsonnet: " + warning));
        JsonnetVm.Result result = evaluate(vm, request, name, context);
        if (result.json() == null) {
            throw new RenderException(name + ": " + (result.importEscape() != null
                    ? "Jsonnet " + result.importEscape() + "; imports must stay inside the repository"
                    : describe(result.error(), name)));
        }
        JsonNode json;
        try {
            json = Yaml.JSON.readTree(result.json());
        } catch (JsonProcessingException e) {
            throw new RenderException(name + ": Jsonnet output is not JSON: " + e.getOriginalMessage(), e);
        }
        if (!json.isObject() && !json.isArray() && !json.isNull()) {
            throw new RenderException(name + ": Jsonnet output must be an object or an array of objects, found "
                    + json.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        return ManifestParser.evaluated(json, name);
    }

    private static JsonnetVm.Result evaluate(JsonnetVm vm, JsonnetVm.Request request, String name,
            RenderContext context) {
        AtomicReference<JsonnetVm.Result> out = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                out.set(vm.evaluate(request));
            } catch (StackOverflowError e) {
                failure.set(new RenderException(name + ": Jsonnet evaluation error: maximum stack depth exceeded "
                        + "(infinite recursion?)"));
            } catch (LinkageError e) {
                // sjsonnet's std.parseYaml needs snakeyaml 1.x; the engine carries 2.x (Jackson's)
                failure.set(new RenderException(name + ": Jsonnet evaluation error: " + (String.valueOf(e.getMessage())
                        .contains("snakeyaml") ? "std.parseYaml is not supported" : "unsupported standard library "
                        + "function (" + e.getClass().getSimpleName() + ")")));
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "gitops-jsonnet", STACK_BYTES);
        t.setDaemon(true);
        t.start();
        try {
            t.join(context.settings().toolTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException(name + ": Jsonnet evaluation interrupted");
        }
        if (t.isAlive()) {
            t.interrupt();
            throw new RenderException(name + ": Jsonnet evaluation did not finish within "
                    + context.settings().toolTimeout().toSeconds() + "s");
        }
        if (failure.get() instanceof RenderException r) {
            throw r;
        }
        if (failure.get() != null) {
            throw new RenderException(name + ": Jsonnet evaluation failed: " + failure.get(), failure.get());
        }
        if (out.get() == null) {
            throw new RenderException(name + ": Jsonnet evaluation ended without a result");
        }
        return out.get();
    }

    /**
     * One line from sjsonnet's multi-line error: kind, position (the innermost frame), message. Paths are relative to
     * the repository root already (the interpreter's working directory).
     */
    static String describe(String error, String name) {
        String[] lines = error.strip().split("\n");
        String first = lines[0].strip();
        Matcher kind = KIND.matcher(first);
        String what = "ParseError".equals(kind.lookingAt() ? kind.group(1) : "") ? "syntax error" : "evaluation error";
        String message = kind.lookingAt() ? first.substring(kind.end()) : first;
        message = INLINE_POSITION.matcher(message).replaceAll("");
        String where = "";
        for (int i = 1; i < lines.length && where.isEmpty(); i++) {
            Matcher frame = FRAME.matcher(lines[i]);
            if (frame.find()) {
                String file = frame.group(1);
                where = (file.equals(name) ? "" : " in " + file) + " at line " + frame.group(2) + ", column "
                        + frame.group(3);
            }
        }
        return "Jsonnet " + what + where + ": " + message;
    }

    /** Argo's variables as sjsonnet wants them: Jsonnet code; a string value becomes a JSON string literal. */
    private static Map<String, String> codeOf(List<JsonnetSource.Variable> variables, RenderContext context) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonnetSource.Variable v : variables) {
            String value = context.environment().substitute(v.value());
            try {
                out.put(v.name(), v.code() ? value : Yaml.JSON.writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new RenderException("directory.jsonnet variable '" + v.name() + "': " + e.getMessage(), e);
            }
        }
        return out;
    }
}
