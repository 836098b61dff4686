-- Runs (the API's tasks), their node executions, the graph each run executes, and sessions.
-- The engine writes these tables in batches (group commit) with plain JDBC; JPA reads them.
-- No foreign keys on the hot tables: a batch must never fail because a workflow or run was
-- deleted while a run was under way; deleting a workflow deletes its runs explicitly.

CREATE TABLE workflow_snapshot (
    workflow_id VARCHAR(36) NOT NULL,
    version     BIGINT      NOT NULL,
    graph       LONGTEXT    NOT NULL,
    created_at  DATETIME(6) NOT NULL,
    CONSTRAINT pk_workflow_snapshot PRIMARY KEY (workflow_id, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE run (
    id               VARCHAR(36)   NOT NULL,
    workflow_id      VARCHAR(36)   NOT NULL,
    workflow_version BIGINT        NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    trigger_type     VARCHAR(32)   NOT NULL,
    input            LONGTEXT,
    output           LONGTEXT,
    error            VARCHAR(4000),
    session_id       VARCHAR(64),
    parent_run_id    VARCHAR(36),
    start_node_id    VARCHAR(36),
    from_node_id     VARCHAR(36),
    owner            VARCHAR(200),
    created_at       DATETIME(6)   NOT NULL,
    started_at       DATETIME(6),
    finished_at      DATETIME(6),
    updated_at       DATETIME(6)   NOT NULL,
    CONSTRAINT pk_run PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX idx_run_workflow_created ON run (workflow_id, created_at);
CREATE INDEX idx_run_status ON run (status, updated_at);
CREATE INDEX idx_run_created ON run (created_at);

CREATE TABLE node_execution (
    run_id      VARCHAR(36)   NOT NULL,
    node_id     VARCHAR(36)   NOT NULL,
    attempt     INT           NOT NULL,
    seq         INT           NOT NULL,
    node_name   VARCHAR(200)  NOT NULL,
    node_type   VARCHAR(100)  NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    input       LONGTEXT,
    output      LONGTEXT,
    route       VARCHAR(200),
    error       VARCHAR(4000),
    error_type  VARCHAR(64),
    started_at  DATETIME(6),
    finished_at DATETIME(6),
    wake_at     DATETIME(6),
    CONSTRAINT pk_node_execution PRIMARY KEY (run_id, node_id, attempt)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE session_state (
    id         VARCHAR(64) NOT NULL,
    variables  LONGTEXT    NOT NULL,
    cookies    LONGTEXT    NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    CONSTRAINT pk_session_state PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX idx_session_updated ON session_state (updated_at);

-- A webhook path belongs to one node of one workflow across the whole server.
CREATE TABLE webhook_path (
    path        VARCHAR(200) COLLATE utf8mb4_bin NOT NULL,
    workflow_id VARCHAR(36)  NOT NULL,
    node_id     VARCHAR(36)  NOT NULL,
    CONSTRAINT pk_webhook_path PRIMARY KEY (path),
    CONSTRAINT uq_webhook_path_node UNIQUE (node_id),
    CONSTRAINT fk_webhook_path_node FOREIGN KEY (node_id) REFERENCES workflow_node (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
