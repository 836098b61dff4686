/**
 * Expressions in form values: Jakarta Expression Language {@code ${...}} over JSON data only.
 * {@link io.orchestrator.engine.expressions.Expressions} is the entry point; templates are compiled
 * once and cached ({@code Template}); evaluation sees only the {@code ExpressionScope} through one
 * read-only resolver ({@code JsonResolver}) and the functions listed in {@code ExpressionFunctions}.
 * Method calls, classes, static fields and assignment are refused when an expression is compiled,
 * and again by the resolver while it runs.
 *
 * <p>The jakarta.el API is the server's (on Liberty, byte for byte Tomcat's tomcat-el-api, which the
 * build compiles and tests against); the implementation, Eclipse Expressly, ships in the WAR and is
 * instantiated directly, never looked up. Unit tests and Liberty run the same classes.
 */
package io.orchestrator.engine.expressions;
