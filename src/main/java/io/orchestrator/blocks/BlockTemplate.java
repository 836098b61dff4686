package io.orchestrator.blocks;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{block:Title}}} in a prompt template: the title is matched exactly once trimmed, and each
 * reference is replaced by the block's content once. A block's content is inserted as it is, never
 * expanded in turn: a block that names another (or itself) cannot loop or grow without bound.
 */
public final class BlockTemplate {

    /** The title runs to the first "}}" on the same line. */
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*block:([^\\n]*?)}}");

    private BlockTemplate() {}

    /** The titles the template names, trimmed, in order of first use. */
    public static Set<String> titles(String template) {
        Set<String> titles = new LinkedHashSet<>();
        Matcher matcher = REFERENCE.matcher(template);
        while (matcher.find()) {
            titles.add(matcher.group(1).trim());
        }
        return titles;
    }

    /**
     * The template with every reference replaced by its block's content; {@code contentsByTitle}
     * gets every title named and answers those it knows.
     */
    public static String expand(String template, Function<Set<String>, Map<String, String>> contentsByTitle)
            throws PromptBlockLookup.UnknownBlock {
        Set<String> titles = titles(template);
        if (titles.isEmpty()) {
            return template;
        }
        Map<String, String> contents = contentsByTitle.apply(titles);
        for (String title : titles) {
            if (!contents.containsKey(title)) {
                throw new PromptBlockLookup.UnknownBlock("No prompt block is titled '" + title + "'");
            }
        }
        Matcher matcher = REFERENCE.matcher(template);
        StringBuilder expanded = new StringBuilder(template.length());
        while (matcher.find()) {
            matcher.appendReplacement(
                    expanded,
                    Matcher.quoteReplacement(contents.get(matcher.group(1).trim())));
        }
        matcher.appendTail(expanded);
        return expanded.toString();
    }
}
