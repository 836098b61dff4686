-- The workflow graph: a workflow owns its nodes and edges; deleting one deletes the rest.
-- JSON documents (settings, form values, node data) are stored as text and read with JSON-P.

CREATE TABLE workflow (
    id          VARCHAR(36)   NOT NULL,
    name        VARCHAR(200)  NOT NULL,
    description VARCHAR(2000) NOT NULL,
    active      BOOLEAN       NOT NULL,
    settings    CLOB NOT NULL,
    version     BIGINT        NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
    updated_at  TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
    CONSTRAINT pk_workflow PRIMARY KEY (id)
);

CREATE INDEX idx_workflow_created ON workflow (created_at);

CREATE TABLE workflow_node (
    id                 VARCHAR(36)  NOT NULL,
    workflow_id        VARCHAR(36)  NOT NULL,
    node_type          VARCHAR(100) NOT NULL,
    name               VARCHAR(200) NOT NULL,
    position_x         DOUBLE       NOT NULL,
    position_y         DOUBLE       NOT NULL,
    form_values        CLOB NOT NULL,
    disabled           BOOLEAN      NOT NULL,
    retry_max_attempts INT          NOT NULL,
    retry_delay_ms     BIGINT       NOT NULL,
    retry_backoff      DOUBLE       NOT NULL,
    timeout_ms         BIGINT,
    input_data         CLOB,
    output_data        CLOB,
    created_at         TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
    updated_at         TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
    CONSTRAINT pk_workflow_node PRIMARY KEY (id),
    CONSTRAINT uq_workflow_node_name UNIQUE (workflow_id, name),
    CONSTRAINT fk_workflow_node_workflow FOREIGN KEY (workflow_id) REFERENCES workflow (id) ON DELETE CASCADE
);

CREATE TABLE workflow_edge (
    id             VARCHAR(36)  NOT NULL,
    workflow_id    VARCHAR(36)  NOT NULL,
    source_node_id VARCHAR(36)  NOT NULL,
    source_handle  VARCHAR(100) NOT NULL,
    target_node_id VARCHAR(36)  NOT NULL,
    target_handle  VARCHAR(100) NOT NULL,
    created_at     TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
    CONSTRAINT pk_workflow_edge PRIMARY KEY (id),
    CONSTRAINT uq_workflow_edge UNIQUE (source_node_id, source_handle, target_node_id, target_handle),
    CONSTRAINT fk_workflow_edge_workflow FOREIGN KEY (workflow_id) REFERENCES workflow (id) ON DELETE CASCADE,
    CONSTRAINT fk_workflow_edge_source FOREIGN KEY (source_node_id) REFERENCES workflow_node (id) ON DELETE CASCADE,
    CONSTRAINT fk_workflow_edge_target FOREIGN KEY (target_node_id) REFERENCES workflow_node (id) ON DELETE CASCADE
);

CREATE INDEX idx_workflow_edge_workflow ON workflow_edge (workflow_id);
