package io.jenkins.plugins.gitops.engine.notify;

import java.util.List;

/**
 * A named trigger ({@code trigger.on-deployed}): conditions tried in order, each sending its templates while its
 * {@code when} holds. With {@code oncePer}, a condition fires once per distinct value of that expression (a commit,
 * for on-deployed) even if it later stops and starts holding again; without it, it fires again each time it becomes
 * true after having been false (Argo CD's notifications-engine state semantics).
 */
public record Trigger(String name, List<Condition> conditions) {

    public record Condition(String description, Expr when, Expr oncePer, List<String> send) {}
}
