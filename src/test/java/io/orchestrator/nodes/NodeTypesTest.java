package io.orchestrator.nodes;

import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.orchestrator.platform.FieldErrors;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalogue as API clients see it: keys, palette categories and routes of every node type. */
class NodeTypesTest {

    static Stream<Arguments> catalogue() {
        return Stream.of(
                Arguments.of(new ManualTriggerNode(), "manual-trigger", NodeCategory.TRIGGER, List.of("default")),
                Arguments.of(new WebhookNode(), "webhook", NodeCategory.TRIGGER, List.of("default")),
                Arguments.of(new ScheduleNode(), "schedule", NodeCategory.TRIGGER, List.of("default")),
                Arguments.of(new HttpRequestNode(), "http-request", NodeCategory.ACTION, List.of("default", "error")),
                Arguments.of(new TransformNode(), "transform", NodeCategory.ACTION, List.of("default")),
                Arguments.of(new SetSessionNode(), "set-session", NodeCategory.ACTION, List.of("default")),
                Arguments.of(new RespondWebhookNode(), "respond-webhook", NodeCategory.ACTION, List.of("default")),
                Arguments.of(new ConditionNode(), "condition", NodeCategory.LOGIC, List.of("true", "false")),
                Arguments.of(new SwitchNode(), "switch", NodeCategory.LOGIC, List.of("default")),
                Arguments.of(new MergeNode(), "merge", NodeCategory.LOGIC, List.of("default")),
                Arguments.of(new WaitNode(), "wait", NodeCategory.LOGIC, List.of("default")),
                Arguments.of(
                        new HumanInputNode(),
                        "human-input",
                        NodeCategory.LOGIC,
                        List.of("default", "rejected", "timeout")));
    }

    private static final List<NodeType> ALL =
            catalogue().map(row -> (NodeType) row.get()[0]).toList();

    @ParameterizedTest(name = "{1}")
    @MethodSource("catalogue")
    void hasItsKeyCategoryAndRoutes(NodeType type, String key, NodeCategory category, List<String> routes) {
        assertEquals(key, type.key());
        assertEquals(category, type.category());
        assertEquals(category == NodeCategory.TRIGGER, type.isTrigger());
        assertEquals(routes, type.routes(object("{}")));
    }

    @Test
    void keysAreUnique() {
        Set<String> keys = new HashSet<>();
        ALL.forEach(type -> keys.add(type.key()));
        assertEquals(12, keys.size());
    }

    @Test
    void everyTypeHasADisplayNameAndADescription() {
        for (NodeType type : ALL) {
            assertFalse(type.displayName().isBlank(), type.key());
            assertFalse(type.description().isBlank(), type.key());
        }
    }

    @Test
    void onlySwitchTakesItsRoutesFromAField() {
        for (NodeType type : ALL) {
            assertEquals(type instanceof SwitchNode ? "cases" : null, type.routesFromField(), type.key());
        }
    }

    @Test
    void everyTypesInitialValuesPassItsOwnChecks() {
        NodeTypeRegistry registry = new NodeTypeRegistry();
        for (NodeType type : ALL) {
            FieldErrors errors = new FieldErrors();
            registry.check(type, type.initialValues(object("{}")), errors);
            assertEquals(object("{}"), errors.toJson(), type.key());
        }
    }

    @Test
    void categoriesHaveApiNamesAndPaletteLabels() {
        assertEquals("trigger", NodeCategory.TRIGGER.apiName());
        assertEquals("Triggers", NodeCategory.TRIGGER.label());
        assertEquals("Logic", NodeCategory.LOGIC.label());
    }
}
