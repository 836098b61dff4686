package io.orchestrator.blocks;

import io.orchestrator.workspaces.WorkspaceOf;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Prompt blocks for the nodes that use them, read from the table at each call: an edit counts at
 * once. Unscoped (checking a form as it is saved) it finds blocks of any workspace; a running node
 * gets {@link #forWorkflow}'s, which finds only its workflow's workspace's blocks.
 */
@ApplicationScoped
@Transactional
public class StoredBlockLookup implements PromptBlockLookup {

    @Inject
    BlockRepository blocks;

    @Inject
    WorkspaceOf workspaceOf;

    @Override
    public String expand(String template) throws UnknownBlock {
        return BlockTemplate.expand(template, titles -> contentsByTitle(blocks.byTitles(titles)));
    }

    @Override
    public List<String> contents(List<String> blockIds) throws UnknownBlock {
        return inOrder(blockIds, blocks.byIds(new LinkedHashSet<>(blockIds)));
    }

    @Override
    public PromptBlockLookup forWorkflow(String workflowId) {
        String workspace = workspaceOf.workflow(workflowId).orElse(null);
        Function<Collection<PromptBlock>, List<PromptBlock>> own = found -> found.stream()
                .filter(block -> block.workspace().equals(workspace))
                .toList();
        return new PromptBlockLookup() {
            @Override
            public String expand(String template) throws UnknownBlock {
                return BlockTemplate.expand(
                        template,
                        titles -> contentsByTitle(workspace == null ? List.of() : blocks.byTitles(workspace, titles)));
            }

            @Override
            public List<String> contents(List<String> blockIds) throws UnknownBlock {
                return inOrder(blockIds, own.apply(blocks.byIds(new LinkedHashSet<>(blockIds))));
            }
        };
    }

    private static List<String> inOrder(List<String> blockIds, Collection<PromptBlock> found) throws UnknownBlock {
        Map<String, String> byId = new HashMap<>();
        found.forEach(block -> byId.put(block.id(), block.content()));
        List<String> contents = new ArrayList<>(blockIds.size());
        for (String id : blockIds) {
            String content = byId.get(id);
            if (content == null) {
                throw new UnknownBlock("No prompt block has the id '" + id + "'");
            }
            contents.add(content);
        }
        return contents;
    }

    private static Map<String, String> contentsByTitle(Collection<PromptBlock> found) {
        Map<String, String> contents = new HashMap<>();
        found.forEach(block -> contents.put(block.title(), block.content()));
        return contents;
    }
}
