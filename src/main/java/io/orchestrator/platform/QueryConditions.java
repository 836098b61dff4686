package io.orchestrator.platform;

import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conditions of a JPQL list query, only those that apply, each with its one parameter: each
 * combination of filters becomes a plain statement that the database serves from an index.
 */
public final class QueryConditions {

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /** Adds {@code condition}, which names {@code :parameter}, when the value is given (not null). */
    public QueryConditions add(String condition, String parameter, Object value) {
        if (value != null) {
            conditions.add(condition);
            parameters.put(parameter, value);
        }
        return this;
    }

    /**
     * Adds {@code condition}, naming {@code :parameter} with {@code in}, when the values are given;
     * an empty collection matches nothing (as SQL's {@code in ()} cannot be written).
     */
    public QueryConditions addIn(String condition, String parameter, Collection<?> values) {
        return add(condition, parameter, values == null ? null : values.isEmpty() ? List.of("") : values);
    }

    /** {@code " where a and b"}, or nothing when no condition applies. */
    public String where() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    public <T> TypedQuery<T> bind(TypedQuery<T> query) {
        parameters.forEach(query::setParameter);
        return query;
    }
}
