package io.orchestrator.blocks;

import io.orchestrator.workflow.JsonColumns;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A reusable piece of prompt text of one workspace. Templates insert it by its title, which is
 * therefore unique in the workspace and compared exactly; its tags are stored framed by commas (see {@link BlockTags}).
 */
@Entity
@Table(name = "prompt_block")
@NamedQuery(name = "PromptBlock.byTitles", query = "select b from PromptBlock b where b.title in :titles")
@NamedQuery(
        name = "PromptBlock.byTitlesIn",
        query = "select b from PromptBlock b where b.workspace = :workspace and b.title in :titles")
@NamedQuery(name = "PromptBlock.byIds", query = "select b from PromptBlock b where b.id in :ids")
@NamedQuery(
        name = "PromptBlock.titleTaken",
        query = "select count(b) from PromptBlock b where b.workspace = :workspace and b.title = :title"
                + " and b.id <> :exceptId")
public class PromptBlock {

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 64, updatable = false)
    private String workspace;

    @Column(nullable = false, length = 200)
    private String title;

    @Lob
    @Column(nullable = false, length = JsonColumns.JSON_TEXT)
    private String content;

    @Column(nullable = false, length = 4000)
    private String tags;

    @Column(name = "folder_path", nullable = false, length = 500)
    private String folderPath;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected PromptBlock() {}

    public PromptBlock(String workspace, String title, String content, List<String> tags, String folderPath) {
        this.id = UUID.randomUUID().toString();
        this.workspace = workspace;
        this.title = title;
        this.content = content;
        this.tags = BlockTags.stored(tags);
        this.folderPath = folderPath;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    public String workspace() {
        return workspace;
    }

    void retitle(String newTitle) {
        this.title = newTitle;
    }

    void rewrite(String newContent) {
        this.content = newContent;
    }

    void retag(List<String> newTags) {
        this.tags = BlockTags.stored(newTags);
    }

    void file(String newFolderPath) {
        this.folderPath = newFolderPath;
    }

    void changed() {
        this.updatedAt = Instant.now();
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String content() {
        return content;
    }

    public List<String> tags() {
        return BlockTags.fromStored(tags);
    }

    public String folderPath() {
        return folderPath;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
