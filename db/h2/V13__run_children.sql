-- A sub-workflow node waits for its child run holding no thread; the recovery sweep looks up the
-- ended children of waiting parents by parent_run_id, which had no index.
CREATE INDEX idx_run_parent ON run (parent_run_id);
