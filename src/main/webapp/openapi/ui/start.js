// Swagger UI over this server's own document (../../openapi is /openapi under any context root).
// No validator badge: it would send the document to validator.swagger.io. "Try it out" calls the
// API on this origin with the token given under Authorize; the token stays in this tab's memory.
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: new URL('../../openapi', window.location.href).href,
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    persistAuthorization: false,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
