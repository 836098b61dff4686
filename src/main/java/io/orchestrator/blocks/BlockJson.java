package io.orchestrator.blocks;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.Timestamps;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

/** How a prompt block looks in the API. */
final class BlockJson {

    private BlockJson() {}

    static JsonObject block(PromptBlock block) {
        JsonArrayBuilder tags = JSON.createArrayBuilder();
        block.tags().forEach(tags::add);
        return JSON.createObjectBuilder()
                .add("id", block.id())
                .add("title", block.title())
                .add("workspace", block.workspace())
                .add("content", block.content())
                .add("tags", tags)
                .add("folder_path", block.folderPath())
                .add("created_at", Timestamps.json(block.createdAt()))
                .add("updated_at", Timestamps.json(block.updatedAt()))
                .build();
    }
}
