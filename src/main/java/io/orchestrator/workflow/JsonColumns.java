package io.orchestrator.workflow;

/** Mapping constants for the JSON documents stored as text. */
public final class JsonColumns {

    /**
     * The length that makes Hibernate expect LONGTEXT on MariaDB (and CLOB on H2), as the migrations
     * create them; a {@code @Lob} without it is checked as TINYTEXT and fails validation.
     */
    public static final int JSON_TEXT = Integer.MAX_VALUE;

    private JsonColumns() {}
}
