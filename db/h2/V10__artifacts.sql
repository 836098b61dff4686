-- Files kept for a run (uploaded, or produced by a node: a command's collected files and its log).
-- The bytes live under the data directory, named by their SHA-256 (two rows with the same content
-- share one file, removed with the last row naming it); a row never holds a client's path.
-- No foreign key to run: a run's deletion deletes its artifacts itself, files included.
CREATE TABLE artifact (
    id             VARCHAR(36)   NOT NULL,
    run_id         VARCHAR(36)   NOT NULL,
    workflow_id    VARCHAR(36)   NOT NULL,
    node_id        VARCHAR(36),
    name           VARCHAR(255)  NOT NULL,
    file_name      VARCHAR(255)  NOT NULL,
    mime_type      VARCHAR(255)  NOT NULL,
    size           BIGINT        NOT NULL,
    sha256         CHAR(64)      NOT NULL,
    artifact_type  VARCHAR(32)   NOT NULL,
    tags           VARCHAR(2000) NOT NULL,
    created_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT pk_artifact PRIMARY KEY (id)
);

CREATE INDEX idx_artifact_run ON artifact (run_id, node_id, created_at);
CREATE INDEX idx_artifact_created ON artifact (created_at, id);
CREATE INDEX idx_artifact_expires ON artifact (expires_at);
CREATE INDEX idx_artifact_sha256 ON artifact (sha256);
