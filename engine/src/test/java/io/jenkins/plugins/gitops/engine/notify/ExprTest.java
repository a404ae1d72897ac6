package io.jenkins.plugins.gitops.engine.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExprTest {

    static final Map<String, Object> ENV = Map.of("app", Map.of(
            "metadata", Map.of("name", "web", "labels", Map.of("team", "shop")),
            "status", Map.of("health", Map.of("status", "Degraded"), "sync", Map.of("status", "Synced"),
                    "resources", List.of(Map.of("kind", "Deployment"), Map.of("kind", "Service")))));

    static Object eval(String e) {
        return Expr.parse(e).evaluate(ENV);
    }

    @Test
    void catalogConditions() {
        assertThat(eval("app.status.health.status == 'Degraded'")).isEqualTo(true);
        assertThat(eval("app.status.operationState != nil and app.status.operationState.phase in ['Succeeded']"))
                .isEqualTo(false);
        assertThat(eval("app.status.operationState?.syncResult?.revision")).isNull();
        assertThat(eval("true")).isEqualTo(true);
        assertThat(eval("app.metadata.deletionTimestamp != nil")).isEqualTo(false);
    }

    @Test
    void operatorsAndFunctions() {
        assertThat(eval("app.metadata.name matches '^w.b$' && not (app.metadata.name startsWith 'x')")).isEqualTo(true);
        assertThat(eval("'team' in app.metadata.labels and app.metadata.labels['team'] == \"shop\"")).isEqualTo(true);
        assertThat(eval("len(app.status.resources) >= 2 and app.status.resources[0].kind == 'Deployment'"))
                .isEqualTo(true);
        assertThat(eval("app.status.sync.status not in ['OutOfSync', 'Unknown'] || false")).isEqualTo(true);
        assertThat(eval("upper(app.metadata.name) + '-' + string(1 + 2)")).isEqualTo("WEB-3");
        assertThat(eval("!(1 < 2) or 2.5 > 2")).isEqualTo(true);
    }

    @Test
    void nilFieldWithoutSafeNavigationIsAnError() {
        assertThatThrownBy(() -> eval("app.status.operationState.phase == 'Running'"))
                .isInstanceOf(ExprException.class).hasMessage("cannot fetch phase from nil");
        assertThatThrownBy(() -> Expr.parse("app.status.health.status").test(ENV))
                .hasMessageContaining("not a boolean");
    }

    @Test
    void unsupportedConstructsAreRejectedWithTheirColumn() {
        assertThatThrownBy(() -> Expr.parse("time.Now().Sub(x) > 5"))
                .hasMessage("method calls are not supported ('Now(') (column 9 of 'time.Now().Sub(x) > 5')");
        assertThatThrownBy(() -> Expr.parse("sum(x) > 1")).hasMessageStartingWith("unknown function sum()");
        assertThatThrownBy(() -> Expr.parse("a == ")).hasMessageContaining("unexpected end of expression");
        assertThatThrownBy(() -> Expr.parse("a ? b : c")).hasMessageContaining("unexpected character '?'");
        assertThatThrownBy(() -> Expr.parse("'open")).hasMessageContaining("unterminated string");
    }
}
