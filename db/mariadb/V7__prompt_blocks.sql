-- Prompt blocks: reusable pieces of prompt text that templates insert by title ({{block:Title}}).
-- Titles are compared byte for byte, as templates name them, so the title column is binary.
-- Tags are kept as one comma-framed text (",intro,greeting,") so that a tag filter is one LIKE on
-- the row; a folder path is slash-separated ("Common/Greetings"), empty at the root.

CREATE TABLE prompt_block (
    id          VARCHAR(36)   NOT NULL,
    title       VARCHAR(200)  COLLATE utf8mb4_bin NOT NULL,
    content     LONGTEXT      NOT NULL,
    tags        VARCHAR(4000) NOT NULL,
    folder_path VARCHAR(500)  NOT NULL,
    created_at  DATETIME(6)   NOT NULL,
    updated_at  DATETIME(6)   NOT NULL,
    CONSTRAINT pk_prompt_block PRIMARY KEY (id),
    CONSTRAINT uq_prompt_block_title UNIQUE (title)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX idx_prompt_block_folder ON prompt_block (folder_path);
