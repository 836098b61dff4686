/**
 * Calling other servers for the {@code http-request} node: {@link io.orchestrator.nodes.http.OutboundHttp}
 * sends a request through one shared client, following redirects itself so that
 * {@link io.orchestrator.nodes.http.AddressGuard} can refuse every hop that leads into a private
 * network, and keeps the run's cookies in a {@link io.orchestrator.nodes.http.CookieJar} stored
 * with the session.
 */
package io.orchestrator.nodes.http;
