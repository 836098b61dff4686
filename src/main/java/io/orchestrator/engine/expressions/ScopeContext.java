package io.orchestrator.engine.expressions;

import jakarta.el.ELContext;
import jakarta.el.ELResolver;
import jakarta.el.ExpressionFactory;
import jakarta.el.FunctionMapper;
import jakarta.el.ImportHandler;
import jakarta.el.VariableMapper;

/**
 * The EL context of one evaluation (or of compiling, with no scope): the JSON resolver, the listed
 * functions, no variables and no imports. Cheap to make: one per render or test call.
 */
final class ScopeContext extends ELContext {

    /**
     * EL imports java.lang by default, which would let {@code Runtime}, {@code System} or
     * {@code Math} resolve to classes; this handler resolves nothing.
     */
    private static final ImportHandler NO_IMPORTS = new ImportHandler() {
        @Override
        public Class<?> resolveClass(String name) {
            return null;
        }

        @Override
        public Class<?> resolveStatic(String name) {
            return null;
        }
    };

    private final ExpressionScope scope;
    private final ExpressionFactory factory;

    ScopeContext(ExpressionScope scope, ExpressionFactory factory) {
        this.scope = scope;
        this.factory = factory;
    }

    @Override
    public ELResolver getELResolver() {
        return JsonResolver.INSTANCE;
    }

    @Override
    public FunctionMapper getFunctionMapper() {
        return ExpressionFunctions.MAPPER;
    }

    @Override
    public VariableMapper getVariableMapper() {
        return null;
    }

    @Override
    public ImportHandler getImportHandler() {
        return NO_IMPORTS;
    }

    /** The scope for the resolver, and the factory for EL's own conversions, without ELContext's map. */
    @Override
    public Object getContext(Class<?> key) {
        if (key == ExpressionScope.class) {
            return scope;
        }
        if (key == ExpressionFactory.class) {
            return factory;
        }
        return super.getContext(key);
    }
}
