/**
 * What every feature stands on: the JAX-RS application, the one error shape
 * ({@code {error, code, details}}) and the exception mapper that produces it, the bounded JSON body
 * reader, configuration, database migrations at start-up, and health.
 */
package io.orchestrator.platform;
