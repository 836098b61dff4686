// Opening a workflow's address starts its canvas requests here, before the app's script has loaded
// and rendered: without this they waited for the script, then for the workspaces' answer, then for
// the editor to mount (docs/PERFORMANCE.md, issue #15). The app's first GET of each path takes the
// answer (src/api.ts, preloaded()); a classic script, because the page's policy allows no inline one.
(function () {
  var token = sessionStorage.getItem('orchestrator.token');
  var id = location.hash.slice(1);
  if (!token || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return;
  var responses = {};
  ['workspaces/', 'nodes/', 'workflow/' + id + '/canvas_data/'].forEach(function (path) {
    responses[path] = fetch('api/' + path, { headers: { Authorization: 'Bearer ' + token } });
    // A request that fails is asked again by the app: no unhandled rejection here.
    responses[path].catch(function () {});
  });
  window.orchestratorPreload = { token: token, until: Date.now() + 10000, responses: responses };
})();
