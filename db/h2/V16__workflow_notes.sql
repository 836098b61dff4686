-- Sticky notes on a workflow's canvas: Markdown text in a box of its own size and colour. They
-- belong to the workflow (deleted with it) but not to its graph: runs never read them.

CREATE TABLE workflow_note (
    id          VARCHAR(36)  NOT NULL,
    workflow_id VARCHAR(36)  NOT NULL,
    text        CLOB         NOT NULL,
    position_x  DOUBLE       NOT NULL,
    position_y  DOUBLE       NOT NULL,
    width       DOUBLE       NOT NULL,
    height      DOUBLE       NOT NULL,
    color       VARCHAR(20)  NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
    updated_at  TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
    CONSTRAINT pk_workflow_note PRIMARY KEY (id),
    CONSTRAINT fk_workflow_note_workflow FOREIGN KEY (workflow_id) REFERENCES workflow (id) ON DELETE CASCADE
);

CREATE INDEX idx_workflow_note_workflow ON workflow_note (workflow_id);
