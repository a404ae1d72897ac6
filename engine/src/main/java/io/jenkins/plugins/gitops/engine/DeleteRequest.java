package io.jenkins.plugins.gitops.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a person (pipeline step, CLI, application page) asks of the deletion of one application, as
 * {@code argocd app delete --cascade --propagation-policy}.
 *
 * @param cascade     what happens to the application's resources (default {@link Cascade#FOREGROUND})
 * @param confirmed   a person confirmed deleting resources marked {@code Delete=confirm}
 * @param timeout     the whole operation's limit (null: engine default)
 * @param initiatedBy who asked: a user id or {@code job/name #12}
 * @param revision    override of the source's targetRevision used to find PreDelete/PostDelete hooks (null: the
 *                    Application's)
 * @param localDir    render this directory instead of Git (null: Git)
 */
public record DeleteRequest(Cascade cascade, boolean confirmed, Duration timeout, String initiatedBy, String revision,
        Path localDir) {

    /**
     * Argo CD's deletion modes. {@link #FOREGROUND} and {@link #BACKGROUND} delete the resources the application
     * tracks (cascading deletion, with that Kubernetes propagation policy); {@link #ORPHAN} (non-cascading,
     * {@code --cascade=false}) leaves them in the cluster, untouched, and only forgets the application.
     */
    public enum Cascade {
        /** Every resource stays (with a deletionTimestamp) until its dependents are gone; the deletion waits for it. */
        FOREGROUND,
        /** Every resource goes at once; the garbage collector removes its dependents (Pods...) afterwards. */
        BACKGROUND,
        /** Resources stay as they are (tracking annotation included, as Argo CD leaves it). */
        ORPHAN;

        /** {@code foreground}, {@code background} or {@code orphan}, any case; {@code true}/{@code false} as Argo. */
        public static Cascade parse(String text) {
            String v = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "", "true", "foreground" -> FOREGROUND;
                case "background" -> BACKGROUND;
                case "false", "orphan", "non-cascading" -> ORPHAN;
                default -> throw new IllegalArgumentException("unknown cascade '" + text + "'; expected one of "
                        + Arrays.stream(values()).map(Cascade::toString).collect(Collectors.joining(", ")));
            };
        }

        /** Lower case, as the CLI and the step spell it. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DeleteRequest {
        cascade = cascade == null ? Cascade.FOREGROUND : cascade;
        initiatedBy = initiatedBy == null ? "" : initiatedBy;
    }

    /** A foreground (cascading) deletion asked for by {@code initiatedBy}. */
    public static DeleteRequest manual(String initiatedBy) {
        return new DeleteRequest(Cascade.FOREGROUND, false, null, initiatedBy, null, null);
    }

    public DeleteRequest withCascade(Cascade c) {
        return new DeleteRequest(c, confirmed, timeout, initiatedBy, revision, localDir);
    }

    public DeleteRequest withConfirmed(boolean c) {
        return new DeleteRequest(cascade, c, timeout, initiatedBy, revision, localDir);
    }

    public DeleteRequest withTimeout(Duration t) {
        return new DeleteRequest(cascade, confirmed, t, initiatedBy, revision, localDir);
    }

    public DeleteRequest withRevision(String r) {
        return new DeleteRequest(cascade, confirmed, timeout, initiatedBy, r, localDir);
    }

    public DeleteRequest withLocalDir(Path dir) {
        return new DeleteRequest(cascade, confirmed, timeout, initiatedBy, revision, dir);
    }
}
