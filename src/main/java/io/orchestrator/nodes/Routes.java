package io.orchestrator.nodes;

import java.util.List;

/** The route names the engine and the graph rules know by name. */
public final class Routes {

    public static final String DEFAULT = "default";
    public static final String ERROR = "error";
    public static final String TRUE = "true";
    public static final String FALSE = "false";

    public static final List<String> DEFAULT_ONLY = List.of(DEFAULT);
    public static final List<String> DEFAULT_AND_ERROR = List.of(DEFAULT, ERROR);

    private Routes() {}
}
