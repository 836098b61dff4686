/**
 * Calling other servers for the {@code http-request} node: {@link io.orchestrator.nodes.http.OutboundHttp}
 * sends a request, following redirects itself so that {@link io.orchestrator.nodes.http.AddressGuard}
 * can refuse every hop that leads into a private network, and sends each hop to the very address
 * the guard checked ({@link io.orchestrator.nodes.http.PinnedConnections}); it keeps the run's
 * cookies in a {@link io.orchestrator.nodes.http.CookieJar} stored with the session.
 */
package io.orchestrator.nodes.http;
