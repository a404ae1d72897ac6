package io.jenkins.plugins.gitops.engine.cluster.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Listing failures say why in words, not only fabric8's generic "Operation: [list] ... failed.". */
class KindWatchMessageTest {

    @Test
    void aRefusedConnectionIsNamed() {
        Exception chain = new KubernetesClientException("Operation: [list]  for kind: [Service] failed.",
                new IOException("wrapped", new CompletionException(new ClosedChannelException()
                        .initCause(new ConnectException()))));
        assertThat(KindWatch.message(new CompletionException(chain)))
                .isEqualTo("Operation: [list]  for kind: [Service] failed. (connection refused)");
    }

    @Test
    void aMessageThatAlreadySaysWhyIsKept() {
        assertThat(KindWatch.message(new KubernetesClientException("Forbidden: services is forbidden")))
                .isEqualTo("Forbidden: services is forbidden");
    }

    @Test
    void otherCausesAreAppendedWithTheirMessage() {
        Exception e = new KubernetesClientException("Operation failed.", new IOException("stream reset"));
        assertThat(KindWatch.message(e)).isEqualTo("Operation failed. (IOException: stream reset)");
    }
}
