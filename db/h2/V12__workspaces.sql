-- Workspaces (DESIGN section 6): every workflow belongs to one; a non-admin token carries a role in
-- each workspace it may use (VIEWER reads, EDITOR also changes and runs, OWNER also manages the
-- workspace's connections and tokens). Runs, artifacts and cache entries follow their workflow;
-- sessions, connections and prompt blocks name their workspace themselves.
-- Tokens that existed before workspaces could use everything, which was the one workspace
-- 'default': they keep that as editors of it.

CREATE TABLE workspace (
    name        VARCHAR(64)   NOT NULL,
    description VARCHAR(2000) NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_workspace PRIMARY KEY (name)
);

INSERT INTO workspace (name, description, created_at)
VALUES ('default', 'Where workflows go unless another workspace is named', CURRENT_TIMESTAMP(6));

ALTER TABLE workflow ADD COLUMN workspace VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE workflow ADD CONSTRAINT fk_workflow_workspace FOREIGN KEY (workspace) REFERENCES workspace (name);
CREATE INDEX idx_workflow_workspace_created ON workflow (workspace, created_at);

CREATE TABLE api_token_workspace (
    token_id  VARCHAR(36) NOT NULL,
    workspace VARCHAR(64) NOT NULL,
    role      VARCHAR(20) NOT NULL,
    CONSTRAINT pk_api_token_workspace PRIMARY KEY (token_id, workspace),
    CONSTRAINT fk_api_token_workspace_token FOREIGN KEY (token_id) REFERENCES api_token (id) ON DELETE CASCADE,
    CONSTRAINT fk_api_token_workspace_workspace FOREIGN KEY (workspace) REFERENCES workspace (name) ON DELETE CASCADE
);

CREATE INDEX idx_api_token_workspace_workspace ON api_token_workspace (workspace);

INSERT INTO api_token_workspace (token_id, workspace, role)
SELECT id, 'default', 'EDITOR' FROM api_token WHERE role = 'USER';

-- A block's title is unique within its workspace: templates insert blocks of their workflow's workspace.
ALTER TABLE prompt_block ADD COLUMN workspace VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE prompt_block DROP CONSTRAINT uq_prompt_block_title;
ALTER TABLE prompt_block ADD CONSTRAINT uq_prompt_block_title UNIQUE (workspace, title);

-- Who made a session: development mode may continue only its own workspace's development sessions,
-- never a production run's (whose cookie jar and variables are that run's).
ALTER TABLE session_state ADD COLUMN workspace VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE session_state ADD COLUMN origin VARCHAR(20) DEFAULT 'PRODUCTION' NOT NULL;
