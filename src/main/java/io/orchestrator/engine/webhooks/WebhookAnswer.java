package io.orchestrator.engine.webhooks;

import io.orchestrator.engine.RunStatus;
import io.orchestrator.security.RateLimiter;
import jakarta.json.JsonValue;
import java.util.Map;

/** What the {@link WebhookTrigger} decided about a call: one of a closed set of answers. */
public sealed interface WebhookAnswer {

    <R> R map(Cases<R> cases);

    /** What becomes of each answer: a new kind of answer does not compile until every mapping has it. */
    interface Cases<R> {
        R notFound(NotFound answer);

        R notListening(NotListening answer);

        R rateLimited(RateLimited answer);

        R methodNotAllowed(MethodNotAllowed answer);

        R unauthorized(Unauthorized answer);

        R accepted(Accepted answer);

        R output(Output answer);

        R responded(Responded answer);

        R stillRunning(StillRunning answer);

        R runFailed(RunFailed answer);
    }

    /** No webhook listens on the path. */
    record NotFound(String path) implements WebhookAnswer {
        @Override
        public <R> R map(Cases<R> cases) {
            return cases.notFound(this);
        }
    }

    /** A webhook has the path, but its workflow is not active. */
    record NotListening(String path, String workflowId) implements WebhookAnswer {
        @Override
        public <R> R map(Cases<R> cases) {
            return cases.notListening(this);
        }
    }

    /**
     * The caller's webhook calls this minute are past the server's limit per caller address, or the
     * workflow's are past its webhook_rate_limit.
     */
    record RateLimited(Scope scope, RateLimiter.Decision decision, long decidedAtMillis) implements WebhookAnswer {

        /** Whose calls were counted. */
        public enum Scope {
            CALLER,
            WORKFLOW
        }

        @Override
        public <R> R map(Cases<R> cases) {
            return cases.rateLimited(this);
        }
    }

    record MethodNotAllowed(String expected, String given) implements WebhookAnswer {
        @Override
        public <R> R map(Cases<R> cases) {
            return cases.methodNotAllowed(this);
        }
    }

    /** The webhook has a secret, and the call showed neither it nor a timely signature made with it; the reason says which. */
    record Unauthorized(String reason) implements WebhookAnswer {
        @Override
        public <R> R map(Cases<R> cases) {
            return cases.unauthorized(this);
        }
    }

    /** on_received: the run is stored and goes on. */
    record Accepted(String taskId) implements WebhookAnswer {
        @Override
        public <R> R map(Cases<R> cases) {
            return cases.accepted(this);
        }
    }

    /** The run succeeded: the output of the node that finished last. */
    record Output(String taskId, JsonValue output) implements WebhookAnswer {
        @Override
        public <R> R map(Cases<R> cases) {
            return cases.output(this);
        }
    }

    /** respond_node: the status, headers and body a respond-webhook node set. */
    record Responded(String taskId, int status, Map<String, String> headers, JsonValue body) implements WebhookAnswer {
        @Override
        public <R> R map(Cases<R> cases) {
            return cases.responded(this);
        }
    }

    /** The run neither ended nor answered while the call could wait (or it paused in a wait). */
    record StillRunning(String taskId, RunStatus status) implements WebhookAnswer {
        @Override
        public <R> R map(Cases<R> cases) {
            return cases.stillRunning(this);
        }
    }

    /** The run ended without success (failed or stopped) before it answered. */
    record RunFailed(String taskId, RunStatus status, String error) implements WebhookAnswer {
        @Override
        public <R> R map(Cases<R> cases) {
            return cases.runFailed(this);
        }
    }
}
