-- A node's input and output are those of its last execution, in a run or in development mode.
-- Runs keep theirs in node_execution (written by the engine, never copied onto the node, so that a
-- run's hot path has no extra write); development mode keeps its own on the node, now with the
-- time it ran, so that the two can be compared when the node's data is read. Rows from before this
-- migration have no time: their data counts as older than any run's.
ALTER TABLE workflow_node ADD COLUMN executed_at TIMESTAMP(6) WITH TIME ZONE;

-- No index for finding a node's last execution: one on node_execution(node_id, ...) cost every
-- node execution a second B-tree insert, about a third more database time a run on a 51-node chain
-- (docs/PERFORMANCE.md). The last executions are looked up in the workflow's latest runs instead,
-- through the indexes that exist (run by workflow and time, node_execution by run).
