package io.orchestrator.engine.expressions;

import jakarta.el.ELContext;
import jakarta.el.ELException;
import jakarta.el.ELResolver;
import jakarta.el.PropertyNotFoundException;
import jakarta.el.PropertyNotWritableException;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The only resolver expressions get, and it knows only JSON data: the scope's names at the top,
 * then keys of objects and indexes of lists. Reading anything else fails, as does every method
 * call and every assignment, so that no expression ever reaches a Java object. Unknown top-level
 * names fail ("Unknown name"); unknown keys and indexes give null, as in JSON and JavaScript.
 * Stateless: one instance serves every evaluation.
 */
final class JsonResolver extends ELResolver {

    static final JsonResolver INSTANCE = new JsonResolver();

    static final List<String> ROOT_NAMES = List.of("input", "nodes", "run", "session", "workflow");

    /** {@code nodes}: reading a name gives that node. */
    record Nodes(ExpressionScope scope) {}

    /** {@code nodes['Name']}: its {@code output} is read only when asked for. */
    record NodeRef(ExpressionScope scope, String name) {}

    private JsonResolver() {}

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base == null) {
            return root(context, property);
        }
        context.setPropertyResolved(base, property);
        if (base instanceof JsonObject object) {
            return JsonData.toEl(object.get(JsonData.text(property)));
        }
        if (base instanceof Map<?, ?> map) {
            return JsonData.toEl(map.get(property));
        }
        if (base instanceof List<?> list) {
            int index = index(property);
            return index >= 0 && index < list.size() ? JsonData.toEl(list.get(index)) : null;
        }
        if (base instanceof Nodes nodes) {
            return new NodeRef(nodes.scope(), JsonData.text(property));
        }
        if (base instanceof NodeRef node) {
            return "output".equals(property) && node.scope().nodeOutputs() != null
                    ? JsonData.toEl(node.scope().nodeOutputs().apply(node.name()))
                    : null;
        }
        throw new PropertyNotFoundException("Cannot read '" + JsonData.text(property) + "' of "
                + JsonData.describe(base) + ": only objects and lists have properties");
    }

    private static Object root(ELContext context, Object property) {
        String name = String.valueOf(property);
        if (!ROOT_NAMES.contains(name)) {
            if (ExpressionFunctions.isFunction(name)) {
                // A function call asks here first (the name could hold a lambda); leaving it
                // unresolved sends EL on to the function mapper.
                return null;
            }
            throw new PropertyNotFoundException(unknownName(name));
        }
        context.setPropertyResolved(true);
        ExpressionScope scope = (ExpressionScope) context.getContext(ExpressionScope.class);
        return switch (name) {
            case "input" -> JsonData.toEl(scope.input());
            case "nodes" -> new Nodes(scope);
            case "run" -> JsonData.toEl(scope.run());
            case "session" -> JsonData.toEl(scope.session());
            default -> JsonData.toEl(scope.workflow());
        };
    }

    static String unknownName(String name) {
        return "Unknown name '" + name + "'. Expressions can read " + String.join(", ", ROOT_NAMES)
                + ", and call the listed functions.";
    }

    private static int index(Object property) {
        if (property instanceof Number number) {
            return number.intValue();
        }
        try {
            return Integer.parseInt(JsonData.text(property));
        } catch (NumberFormatException notAnIndex) {
            return -1;
        }
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        throw new ELException(methodCallRefused(String.valueOf(method)));
    }

    static String methodCallRefused(String method) {
        return "Expressions cannot call methods ('" + method + "(...)'): use the listed functions, such as upper(x).";
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        getValue(context, base, property);
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        throw new PropertyNotWritableException(ASSIGNMENT_REFUSED);
    }

    static final String ASSIGNMENT_REFUSED = "Expressions cannot assign values: they only read data.";

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        context.setPropertyResolved(true);
        return true;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return Object.class;
    }

    /** Functions take Object: no coercion is the right one, and it spares EL's lookup of a factory. */
    @Override
    public <T> T convertToType(ELContext context, Object value, Class<T> type) {
        if (type == Object.class) {
            context.setPropertyResolved(true);
            @SuppressWarnings("unchecked")
            T same = (T) value;
            return same;
        }
        return null;
    }
}
