package io.orchestrator.liberty;

import com.ibm.wsspi.http.HttpContainer;
import com.ibm.wsspi.http.HttpInboundConnection;
import com.ibm.wsspi.http.HttpResponse;
import com.ibm.wsspi.http.VirtualHost;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Answers in the API's error shape the requests that Open Liberty's web container would refuse with its
 * own HTML page before any application code runs, so that no error page, filter or servlet of the WAR
 * could answer them ({@link RequestPaths#refusedByTheContainer}). Every other request is passed on (null)
 * after one scan of its path.
 *
 * <p>A virtual host asks its containers in the order they registered, and the first that takes a request
 * serves it: this one registers on every virtual host as it appears (a Declarative Services component,
 * OSGI-INF/request-guard.xml), and the feature starts it early, before the web container registers any
 * application.
 */
public final class RequestGuard implements HttpContainer {

    private static final String EVERY_PATH = "/";

    private static final byte[] BODY = ("{\"error\":\"The request's address has a malformed or forbidden escape"
                    + " (such as %00 or %zz) or a dot segment with a parameter (such as ..;): encode it and ask again\","
                    + "\"code\":\"INVALID_REQUEST\",\"details\":{}}")
            .getBytes(StandardCharsets.UTF_8);

    /** Declarative Services: a virtual host appeared. */
    public void addHost(VirtualHost host) {
        host.addContextRoot(EVERY_PATH, this);
    }

    /** Declarative Services: a virtual host went away. */
    public void removeHost(VirtualHost host) {
        host.removeContextRoot(EVERY_PATH, this);
    }

    @Override
    public Runnable createRunnableHandler(HttpInboundConnection connection) {
        return RequestPaths.refusedByTheContainer(connection.getRequest().getURI()) ? () -> refuse(connection) : null;
    }

    private static void refuse(HttpInboundConnection connection) {
        HttpResponse response = connection.getResponse();
        response.setStatus(400);
        response.setReason("Bad Request");
        // The headers the application gives each of its answers (io.orchestrator.platform.SecurityHeaders, RequestId).
        response.setHeader("Content-Type", "application/json");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; sandbox");
        response.setHeader("X-Request-ID", UUID.randomUUID().toString());
        response.setContentLength(BODY.length);
        Exception lost = null;
        try (OutputStream body = response.getBody()) {
            body.write(BODY);
        } catch (IOException clientGone) {
            lost = clientGone;
        }
        connection.finish(lost);
    }
}
