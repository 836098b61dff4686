package io.orchestrator.nodes;

import java.util.Locale;

/**
 * Why a node's attempt failed, as a short stable word clients can branch on: stored with the node
 * execution ({@code error_type}) and given to the error route's output under its lower-case name.
 */
public enum ErrorType {
    /** A form value is missing or of the wrong kind once resolved. */
    VALIDATION,
    /** An expression in a form value could not be evaluated. */
    EXPRESSION,
    /** The attempt took longer than its timeout. */
    TIMEOUT,
    /** The attempt was stopped (the run was stopped or failed elsewhere). */
    CANCELLED,
    /** The server stopped while the attempt ran; the node runs again as a new attempt. */
    INTERRUPTED,
    /** An HTTP call answered with an error status. */
    HTTP,
    /** An HTTP call, or a message to a queue, could not connect or was cut. */
    CONNECTION,
    /** An HTTP call's address is private and not allowed (ORCHESTRATOR_HTTP_ALLOW). */
    FORBIDDEN_ADDRESS,
    /** An HTTP response was larger than the node accepts. */
    RESPONSE_TOO_LARGE,
    /** A command's executable is not allowed on this server (ORCHESTRATOR_COMMANDS). */
    COMMAND_REFUSED,
    /** A command could not start, or exited with a code other than 0. */
    COMMAND_FAILED,
    /** A sub-workflow could not run or did not succeed. */
    SUB_WORKFLOW,
    /** The node's type does not exist on this server. */
    UNKNOWN_NODE_TYPE,
    /** The node's type cannot run (yet). */
    UNSUPPORTED,
    /** A defect of the node type: it threw, or returned nothing usable. */
    INTERNAL;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }
}
