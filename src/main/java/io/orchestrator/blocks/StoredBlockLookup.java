package io.orchestrator.blocks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Prompt blocks for the nodes that use them, read from the table at each call: an edit counts at once. */
@ApplicationScoped
@Transactional
public class StoredBlockLookup implements PromptBlockLookup {

    @Inject
    BlockRepository blocks;

    @Override
    public String expand(String template) throws UnknownBlock {
        return BlockTemplate.expand(template, this::contentsByTitle);
    }

    @Override
    public List<String> contents(List<String> blockIds) throws UnknownBlock {
        Map<String, String> byId = new HashMap<>();
        blocks.byIds(new LinkedHashSet<>(blockIds)).forEach(block -> byId.put(block.id(), block.content()));
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

    private Map<String, String> contentsByTitle(Set<String> titles) {
        Map<String, String> contents = new HashMap<>();
        blocks.byTitles(titles).forEach(block -> contents.put(block.title(), block.content()));
        return contents;
    }
}
