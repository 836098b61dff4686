package io.orchestrator.blocks;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.RequestBody;
import io.orchestrator.security.WorkspaceRole;
import io.orchestrator.workspaces.Workspace;
import io.orchestrator.workspaces.WorkspaceAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** Creating, finding, changing and deleting prompt blocks. */
@ApplicationScoped
@Transactional
public class BlockService {

    static final int MAX_TITLE = 200;
    static final int MAX_CONTENT = 100_000;

    /** One page of blocks and how many match in all. */
    public record Page(JsonArrayBuilder blocks, long total) {}

    /** What a request sets on a block; absent parts stay as they are. */
    private record Changes(
            Optional<String> title,
            Optional<String> content,
            Optional<List<String>> tags,
            Optional<String> folderPath) {}

    @Inject
    BlockRepository blocks;

    @Inject
    WorkspaceAccess access;

    /** The blocks of the caller's workspaces. */
    public Page list(BlockQuery query) {
        BlockRepository.Page page = blocks.page(query, access.visible().orElse(null));
        JsonArrayBuilder list = JSON.createArrayBuilder();
        page.blocks().forEach(block -> list.add(BlockJson.block(block)));
        return new Page(list, page.total());
    }

    public JsonObject get(String id) {
        return BlockJson.block(blocks.require(id));
    }

    public JsonObject create(RequestBody body) {
        String workspace = body.text("workspace", 64).orElse(Workspace.DEFAULT);
        Changes changes = read(body, true);
        access.requireIn(WorkspaceRole.EDITOR, workspace);
        requireFreeTitle(workspace, changes.title().get(), null);
        PromptBlock block = new PromptBlock(
                workspace,
                changes.title().get(),
                changes.content().get(),
                changes.tags().orElse(List.of()),
                changes.folderPath().orElse(""));
        blocks.add(block);
        return BlockJson.block(block);
    }

    /** PUT needs the title and the content; PATCH does not. Fields left out keep their values either way. */
    public JsonObject update(String id, RequestBody body, boolean partial) {
        PromptBlock block = blocks.require(id);
        body.text("workspace", 64)
                .filter(other -> !other.equals(block.workspace()))
                .ifPresent(other -> body.errors()
                        .add("workspace", "A block stays in the workspace it was made in; create another one there."));
        Changes changes = read(body, !partial);
        if (changes.title().isPresent() && !changes.title().get().equals(block.title())) {
            requireFreeTitle(block.workspace(), changes.title().get(), id);
            block.retitle(changes.title().get());
        }
        changes.content().ifPresent(block::rewrite);
        changes.tags().ifPresent(block::retag);
        changes.folderPath().ifPresent(block::file);
        block.changed();
        return BlockJson.block(block);
    }

    public void delete(String id) {
        blocks.remove(blocks.require(id));
    }

    private static Changes read(RequestBody body, boolean complete) {
        Optional<String> title = complete
                ? Optional.ofNullable(body.requiredText("title", MAX_TITLE))
                : body.text("title", MAX_TITLE).map(String::trim);
        title.ifPresent(given -> checkTitle(given, body));
        Optional<String> content;
        if (complete && (!body.has("content") || body.json().isNull("content"))) {
            body.errors().add("content", "This field is required.");
            content = Optional.empty();
        } else {
            content = body.text("content", MAX_CONTENT);
        }
        Optional<List<String>> tags = body.has("tags") && !body.json().isNull("tags")
                ? BlockTags.read(body.json().get("tags"), "tags", body.errors())
                : Optional.empty();
        Optional<String> folder =
                body.text("folder_path", BlockFolders.MAX_LENGTH).map(BlockFolders::normalized);
        body.validate();
        return new Changes(title, content, tags, folder);
    }

    /** A title a template can name: one line, without the braces that would end the reference early. */
    private static void checkTitle(String title, RequestBody body) {
        if (title.isEmpty()) {
            body.errors().add("title", "This field may not be blank.");
        } else if (title.contains("}}") || title.contains("{{") || title.indexOf('\n') >= 0) {
            body.errors().add("title", "A title may not contain '{{', '}}' or a line break.");
        }
    }

    private void requireFreeTitle(String workspace, String title, String exceptId) {
        if (blocks.titleTaken(workspace, title, exceptId)) {
            throw ApiException.conflict(
                    "Another block is already titled '" + title + "'",
                    JSON.createObjectBuilder().add("title", title).build());
        }
    }
}
