package io.orchestrator.nodes.form;

import java.util.Locale;

/** The kinds of form field a node type can declare; the canvas draws one widget per kind. */
public enum FieldType {
    /** One line of text; may hold {@code ${...}} templates. */
    TEXT,
    /** Several lines of text. */
    TEXTAREA,
    /** A secret: never returned in clear by the API. */
    SECRET,
    /** A Jakarta EL expression, written with or without the surrounding {@code ${...}}. */
    EXPRESSION,
    /** A cron expression (five Unix fields, or Quartz's six or seven). */
    CRON,
    NUMBER,
    INTEGER,
    BOOLEAN,
    /** One of {@code options}. */
    CHOICE,
    /** Any JSON value; strings in it may hold templates. */
    JSON,
    /** An object of name to value (headers, query, transform fields). */
    KEY_VALUE,
    /** A list of scalar values (switch cases, choice options). */
    STRING_LIST,
    /** A list of objects, each with the {@code item_fields} form. */
    LIST;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
