package io.jenkins.plugins.gitops.engine.notify;

/**
 * Delivers a notification through one kind of service. Implementations throw on failure with a message a person
 * can act on (the HTTP status and the start of the answer); the delivery queue retries and masks secrets.
 */
public interface Sender {

    void send(Notification n) throws Exception;

    /** A failure that retrying cannot fix (a bad recipient, a 4xx other than 408/429): reported at once. */
    class Permanent extends Exception {
        public Permanent(String message) {
            super(message);
        }
    }
}
