-- One row per candidate an llm node produced: the messages sent, the provider's raw answer, the
-- text, tokens, time and cost. A row is what an llm_response artifact will hold, keyed the same
-- way (run, node, attempt) with its own id, so that artifacts can list these rows as they are.
-- No foreign key to run: a development-mode execution keeps its rows under its own run id, and
-- a row is written in its own transaction while the run's rows are still being batched.

CREATE TABLE llm_response (
    id                VARCHAR(36)    NOT NULL,
    run_id            VARCHAR(36)    NOT NULL,
    workflow_id       VARCHAR(36)    NOT NULL,
    node_id           VARCHAR(36)    NOT NULL,
    attempt           INT            NOT NULL,
    candidate_index   INT            NOT NULL,
    connection_id     VARCHAR(36)    NOT NULL,
    model             VARCHAR(500)   NOT NULL,
    messages          CLOB           NOT NULL,
    raw_output        CLOB,
    response_text     CLOB           NOT NULL,
    finish_reason     VARCHAR(64),
    prompt_tokens     BIGINT         NOT NULL,
    completion_tokens BIGINT         NOT NULL,
    duration_ms       BIGINT         NOT NULL,
    cost_usd          DECIMAL(24,12) NOT NULL,
    cached            BOOLEAN        NOT NULL,
    created_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_llm_response PRIMARY KEY (id)
);

CREATE INDEX idx_llm_response_run_node ON llm_response (run_id, node_id, attempt, candidate_index);
