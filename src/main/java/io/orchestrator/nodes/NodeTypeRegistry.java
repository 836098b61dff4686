package io.orchestrator.nodes;

import io.orchestrator.nodes.form.FormValidator;
import io.orchestrator.platform.FieldErrors;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every node type bean, by key, in palette order (category, then name). */
@ApplicationScoped
public class NodeTypeRegistry {

    @Inject
    @Any
    Instance<NodeType> discovered;

    private final Map<String, NodeType> byKey = new LinkedHashMap<>();

    @PostConstruct
    void index() {
        discovered.stream()
                .sorted(Comparator.comparing(NodeType::category).thenComparing(NodeType::displayName))
                .forEach(type -> {
                    if (byKey.putIfAbsent(type.key(), type) != null) {
                        throw new IllegalStateException("Two node types share the key " + type.key());
                    }
                });
    }

    public Optional<NodeType> find(String key) {
        return Optional.ofNullable(key == null ? null : byKey.get(key));
    }

    public Collection<NodeType> all() {
        return byKey.values();
    }

    /** The type's form check and its own checks together: what a save must pass. */
    public void check(NodeType type, JsonObject formValues, FieldErrors errors) {
        int before = errors.count();
        FormValidator.validate(type.form(), formValues, errors);
        // A type's own checks read its values by type, so they run only on values the form accepted.
        if (errors.count() == before) {
            type.checkValues(formValues, errors);
        }
    }
}
