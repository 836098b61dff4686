package io.orchestrator.blocks;

import io.orchestrator.platform.ApiException;
import io.orchestrator.workflow.QueryParams;

/** What a block list asks for: text in the title or content, a tag, a folder with its subfolders, a page. */
record BlockQuery(String text, String tag, String folder, int limit, int offset) {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 500;

    static BlockQuery of(String q, String tag, String folder, String limit, String offset) {
        return new BlockQuery(
                optional("q", q, 200),
                optional("tag", tag, BlockTags.MAX_TAG_LENGTH),
                folder == null ? null : BlockFolders.normalized(folder),
                QueryParams.intParam("limit", limit, DEFAULT_PAGE, 1, MAX_PAGE),
                QueryParams.intParam("offset", offset, 0, 0, Integer.MAX_VALUE));
    }

    private static String optional(String name, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw ApiException.invalidRequest(name + " must be at most " + maxLength + " characters");
        }
        return value.trim();
    }
}
