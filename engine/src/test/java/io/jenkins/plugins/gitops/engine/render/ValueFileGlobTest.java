package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValueFileGlobTest {

    static final List<String> FILES = List.of("envs/b.yaml", "envs/a.yaml", "envs/x.txt", "envs/sub/c.yaml",
            "envs/sub/deep/d.yaml", "envs/prod-1.yaml", "other/e.yaml");

    @TempDir
    Path root;

    @BeforeEach
    void files() throws Exception {
        for (String f : FILES) {
            Files.createDirectories(root.resolve(f).getParent());
            Files.writeString(root.resolve(f), "k: v\n");
        }
    }

    List<String> match(String pattern) {
        return ValueFileGlob.matches(root.resolve(pattern)).stream()
                .map(p -> root.relativize(p).toString()).toList();
    }

    @Test
    void aStarStaysInsideOneDirectory() {
        assertThat(match("envs/*.yaml")).containsExactly("envs/a.yaml", "envs/b.yaml", "envs/prod-1.yaml");
    }

    @Test
    void aDoubleStarMatchesAnyDepthIncludingNoneInLexicalOrder() {
        assertThat(match("envs/**/*.yaml")).containsExactly("envs/a.yaml", "envs/b.yaml", "envs/prod-1.yaml",
                "envs/sub/c.yaml", "envs/sub/deep/d.yaml");
        assertThat(match("**/c.yaml")).containsExactly("envs/sub/c.yaml");
    }

    @Test
    void classesAlternativesAndSingleCharacters() {
        assertThat(match("envs/[ab].yaml")).containsExactly("envs/a.yaml", "envs/b.yaml");
        assertThat(match("envs/[!a].yaml")).containsExactly("envs/b.yaml");
        assertThat(match("{envs,other}/?.yaml")).containsExactly("envs/a.yaml", "envs/b.yaml", "other/e.yaml");
    }

    @Test
    void onlyEntriesWithGlobCharactersArePatterns() {
        assertThat(List.of("envs/*.yaml", "a?.yaml", "[ab].yaml", "{a,b}.yaml"))
                .allMatch(ValueFileGlob::isPattern);
        assertThat(List.of("values.yaml", "/envs/prod.yaml", "$values/prod.yaml"))
                .noneMatch(ValueFileGlob::isPattern);
    }

    @Test
    void nothingMatchesUnderAMissingDirectory() {
        assertThat(match("missing/*.yaml")).isEmpty();
    }
}
