package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Did we put a field into the live object? Answered from our field manager's managedFields entries (server-side
 * apply) or from the last-applied-configuration annotation (client-side apply). Walked in step with the live
 * tree: {@link #field} and {@link #element} descend, {@link #owned} answers for the current node.
 */
interface Ownership {

    /** Owns nothing: every live-only field below is someone else's (a default, a controller, a webhook). */
    Ownership NONE = new Ownership() {
        @Override
        public boolean owned() {
            return false;
        }

        @Override
        public boolean whole() {
            return false;
        }

        @Override
        public String source() {
            return "";
        }

        @Override
        public Ownership field(String name) {
            return this;
        }

        @Override
        public Ownership element(JsonNode liveElement, int index, ListKey key) {
            return this;
        }
    };

    boolean owned();

    /** Owns the node as a unit (a scalar, an atomic list or map), rather than only some fields below it. */
    boolean whole();

    /** Who says so, for messages: {@code owned by field manager gitops-sync}. */
    String source();

    Ownership field(String name);

    Ownership element(JsonNode liveElement, int index, ListKey key);

    /** Owned when either says so; the first owner names the source. */
    static Ownership union(Ownership a, Ownership b) {
        if (a == NONE) {
            return b;
        }
        if (b == NONE) {
            return a;
        }
        return new Ownership() {
            @Override
            public boolean owned() {
                return a.owned() || b.owned();
            }

            @Override
            public boolean whole() {
                return a.whole() || b.whole();
            }

            @Override
            public String source() {
                return a.owned() ? a.source() : b.source();
            }

            @Override
            public Ownership field(String name) {
                return union(a.field(name), b.field(name));
            }

            @Override
            public Ownership element(JsonNode liveElement, int index, ListKey key) {
                return union(a.element(liveElement, index, key), b.element(liveElement, index, key));
            }
        };
    }
}
