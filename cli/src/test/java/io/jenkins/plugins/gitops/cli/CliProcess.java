package io.jenkins.plugins.gitops.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The {@code gitops} command line as a real process ({@code java -cp <test classpath> GitOpsCommand ...}), for what
 * an in-process run cannot show: {@code main}'s defaults and signal handling. Output lines are collected as they
 * come; {@link #awaitLine} waits for one.
 */
final class CliProcess implements AutoCloseable {

    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private CliProcess(Process process) {
        this.process = process;
        this.outReader = pump(process.getInputStream(), out, "gitops-stdout");
        this.errReader = pump(process.getErrorStream(), err, "gitops-stderr");
    }

    static CliProcess start(List<String> args) {
        return start(args, java.util.Map.of());
    }

    /** Starts the CLI with extra environment variables. */
    static CliProcess start(List<String> args, java.util.Map<String, String> env) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(GitOpsCommand.class.getName());
        command.addAll(args);
        try {
            ProcessBuilder b = new ProcessBuilder(command);
            b.environment().putAll(env);
            return new CliProcess(b.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the built command line, {@code java -jar gitops.jar ARGS} (system property {@code gitops.jar}). */
    static CliProcess startJar(Path jar, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1"); // three controllers start on a small machine: less JIT work
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        try {
            return new CliProcess(new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends a signal by name (KILL, STOP, CONT) with kill(1); fails when kill does. */
    void signal(String name) throws InterruptedException {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Thread pump(InputStream in, List<String> lines, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The first stdout line matching {@code condition}, waiting up to {@code seconds} for it. */
    String awaitLine(Predicate<String> condition, long seconds, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (out) {
            while (true) {
                for (String line : out) {
                    if (condition.test(line)) {
                        return line;
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left <= 0 || (!process.isAlive() && !outReader.isAlive())) {
                    throw new AssertionError("no line with " + what + " in stdout:\n" + out() + "\nstderr:\n" + err());
                }
                out.wait(Math.min(left, 200));
            }
        }
    }

    /**
     * Sends SIGTERM and waits for the process to end. Through {@link ProcessHandle#destroy()} (SIGTERM on Linux), not
     * {@link Process#destroy()}: that also closes our ends of the pipes at once, so whatever the process prints while
     * shutting down would be lost.
     */
    int terminate(long seconds) throws InterruptedException {
        if (!process.toHandle().destroy()) {
            throw new AssertionError("cannot send SIGTERM to " + process.pid());
        }
        return waitFor(seconds);
    }

    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("gitops did not end within " + seconds + "s; stdout:\n" + out());
        }
        outReader.join(5000);
        errReader.join(5000);
        return process.exitValue();
    }

    String out() {
        synchronized (out) {
            return String.join("\n", out);
        }
    }

    String err() {
        synchronized (err) {
            return String.join("\n", err);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
