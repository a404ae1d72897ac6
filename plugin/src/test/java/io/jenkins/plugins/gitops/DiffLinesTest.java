package io.jenkins.plugins.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiffLinesTest {

    @Test
    void classifiesEveryLineOfAUnifiedDiff() {
        String diff = """
                --- apps/Deployment shop/web (live)
                +++ apps/Deployment shop/web (git)
                @@ -3,1 +3,1 @@
                   replicas:
                -  1
                +  3
                """;
        assertThat(DiffLines.of(diff)).extracting(DiffLines.Line::getKind)
                .containsExactly("file", "file", "hunk", "ctx", "del", "add");
        assertThat(DiffLines.of(diff).get(5).getText()).isEqualTo("+  3");
    }

    @Test
    void noDiffNoLines() {
        assertThat(DiffLines.of(null)).isEmpty();
        assertThat(DiffLines.of("")).isEmpty();
    }
}
