-- A node's input and output are those of its last execution, in a run or in development mode.
-- Runs keep theirs in node_execution (written by the engine, never copied onto the node, so that a
-- run's hot path has no extra write); development mode keeps its own on the node, now with the
-- time it ran, so that the two can be compared when the node's data is read. Rows from before this
-- migration have no time: their data counts as older than any run's.
ALTER TABLE workflow_node ADD COLUMN executed_at DATETIME(6);

-- The latest finished execution of each node of a workflow, found with one backward step per node
-- (node_id, newest finished_at first, status read from the index) instead of a scan of its history.
CREATE INDEX idx_node_execution_node_finished ON node_execution (node_id, finished_at, status);
