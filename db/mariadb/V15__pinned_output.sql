-- A node's pinned output (n8n's pinned data): the output and the route that development mode and
-- development runs use instead of executing the node; production runs never read it. Null when the
-- node is not pinned.
ALTER TABLE workflow_node ADD COLUMN pinned_output LONGTEXT;
ALTER TABLE workflow_node ADD COLUMN pinned_route VARCHAR(100);
