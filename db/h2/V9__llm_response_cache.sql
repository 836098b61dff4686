-- The llm node's response cache: an answer per request (connection, model, messages, parameters,
-- candidate index, hashed with SHA-256 into cache_key), kept until expires_at. A hit is a read by
-- primary key; expired rows are deleted when found and purged by the writers. The workspace and
-- workflow are kept so that a cache can be cleared for one of them. No foreign keys: a cached
-- answer outlives nothing it points to, and a deleted workflow's entries just expire.
CREATE TABLE llm_cache (
    cache_key         CHAR(64)      NOT NULL,
    workspace         VARCHAR(64),
    workflow_id       VARCHAR(36),
    connection_id     VARCHAR(64)   NOT NULL,
    model             VARCHAR(200)  NOT NULL,
    answer_text       CLOB          NOT NULL,
    finish_reason     VARCHAR(64),
    prompt_tokens     BIGINT        NOT NULL,
    completion_tokens BIGINT        NOT NULL,
    raw_answer        CLOB,
    bytes             BIGINT        NOT NULL,
    hits              BIGINT        NOT NULL DEFAULT 0,
    created_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_llm_cache PRIMARY KEY (cache_key)
);

CREATE INDEX idx_llm_cache_expires ON llm_cache (expires_at);
CREATE INDEX idx_llm_cache_workflow ON llm_cache (workflow_id);
CREATE INDEX idx_llm_cache_workspace ON llm_cache (workspace);
