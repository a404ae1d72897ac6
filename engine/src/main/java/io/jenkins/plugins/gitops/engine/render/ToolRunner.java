package io.jenkins.plugins.gitops.engine.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs an external tool (kustomize, kubectl) and returns its standard output.
 *
 * <p>The process gets the JVM's environment plus the given variables, runs in the given directory, and must finish
 * within the timeout; otherwise it and its children are killed and the error says so. Output beyond the size cap kills
 * the process too. A non-zero exit is an error carrying the tool's trimmed standard error (at most
 * {@value #MAX_ERROR_CHARS} characters), never its standard output.
 */
public final class ToolRunner {

    static final int MAX_ERROR_CHARS = 4000;
    private static final long MAX_STDERR_BYTES = 256 * 1024;

    private final Duration timeout;
    private final long maxOutputBytes;

    public ToolRunner(Duration timeout, long maxOutputBytes) {
        this.timeout = timeout;
        this.maxOutputBytes = maxOutputBytes;
    }

    /**
     * Runs {@code command} in {@code workDir}.
     *
     * @param what how errors name the run, e.g. {@code "kustomize build overlays/prod"}
     */
    public String run(List<String> command, Path workDir, Map<String, String> env, String what) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().putAll(env);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new RenderException(what + ": cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the tool does not read stdin
        }
        AtomicBoolean tooLarge = new AtomicBoolean();
        Capture out = new Capture(process.getInputStream(), maxOutputBytes, () -> {
            tooLarge.set(true);
            kill(process);
        });
        Capture err = new Capture(process.getErrorStream(), MAX_STDERR_BYTES, () -> {});
        out.start();
        err.start();
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new RenderException(what + ": interrupted", e);
        }
        if (!finished) {
            kill(process);
            join(out, err);
            throw new RenderException(what + ": timed out after " + seconds(timeout) + " and was killed"
                    + stderrSuffix(err));
        }
        join(out, err);
        if (tooLarge.get()) {
            throw new RenderException(what + ": output exceeds the limit of " + maxOutputBytes + " bytes");
        }
        if (process.exitValue() != 0) {
            throw new RenderException(what + ": failed with exit code " + process.exitValue() + stderrSuffix(err));
        }
        return out.text();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** klog's line header ({@code I1205 17:45:59.123456   12345 file.go:42] }); the letter is the severity. */
    private static final java.util.regex.Pattern KLOG_HEADER =
            java.util.regex.Pattern.compile("^([IWEF])\\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d+\\s+\\d+ [^ ]+:\\d+\\] ");

    /**
     * The tool's standard error as a person reads it: klog info and warning lines (kubectl and kustomize print them
     * among real errors) are dropped, error lines keep their text without the klog header.
     */
    static String withoutKlogLines(String stderr) {
        List<String> out = new java.util.ArrayList<>();
        for (String line : stderr.lines().toList()) {
            java.util.regex.Matcher m = KLOG_HEADER.matcher(line);
            if (!m.find()) {
                out.add(line);
            } else if ("EF".contains(m.group(1))) {
                out.add(line.substring(m.end()));
            }
        }
        return String.join("\n", out);
    }

    private static String stderrSuffix(Capture err) {
        String text = withoutKlogLines(err.text()).strip();
        if (text.isEmpty()) {
            return "";
        }
        if (text.length() > MAX_ERROR_CHARS) {
            text = text.substring(0, MAX_ERROR_CHARS) + "... (truncated)";
        }
        return ": " + text;
    }

    /** Kills the tool and its children; children forked while this runs are caught by the second sweep. */
    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        List<ProcessHandle> late = p.descendants().toList();
        p.destroyForcibly();
        late.forEach(ProcessHandle::destroyForcibly);
    }

    private static void join(Capture... captures) {
        for (Capture c : captures) {
            try {
                c.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Drains a stream on its own thread, keeping at most {@code limit} bytes. */
    private static final class Capture extends Thread {
        private final InputStream in;
        private final long limit;
        private final Runnable onOverflow;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        Capture(InputStream in, long limit, Runnable onOverflow) {
            super("tool-output");
            setDaemon(true);
            this.in = in;
            this.limit = limit;
            this.onOverflow = onOverflow;
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            boolean overflowed = false;
            try (in) {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    if (overflowed) {
                        continue;
                    }
                    synchronized (buffer) {
                        if (buffer.size() + (long) n > limit) {
                            overflowed = true;
                            onOverflow.run();
                            continue;
                        }
                        buffer.write(chunk, 0, n);
                    }
                }
            } catch (IOException e) {
                // the process was killed or closed its stream; keep what arrived
            }
        }

        String text() {
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
