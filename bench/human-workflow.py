"""The people-in-the-loop benchmark's workflow and runs, through the public API (bench/human-bench.sh).

    python3 bench/human-workflow.py create BASE_URL TOKEN        -> prints the workflow id and the human-input node's id
    python3 bench/human-workflow.py start BASE_URL HOOK_PATH N   -> starts N runs, prints their ids

The workflow is webhook (on_received: 202 with the run's id at once) -> human-input "person"
(select_one over the candidates of the webhook's body). A webhook starts its run on the request's
thread; a manual start goes through the Quartz job store, which starts a few hundred runs a second at
best on MariaDB and would make the set-up of 10,000 waiting runs the longest part of the bench.
Runs are started 16 at a time, each sender on its own kept-alive connection.
"""
import http.client
import json
import sys
import threading
import urllib.parse

from bench_api import call

CANDIDATES = [{"id": "a", "text": "First angle"}, {"id": "b", "text": "Second angle"}]
HOOK_PATH = "bench-human"
SENDERS = 16


def create(base, token):
    workflow = call(base, token, "POST", "/api/workflow/", {"name": "Human bench"})
    nodes = [
        {"id": "hook", "node_type": "webhook", "name": "Start", "position": {"x": 0, "y": 0},
         "form_values": {"path": HOOK_PATH, "response_mode": "on_received"}},
        {"id": "person", "node_type": "human-input", "name": "Pick", "position": {"x": 300, "y": 0},
         "form_values": {"prompt": "Pick one", "mode": "select_one",
                         "candidates": "${input.body.candidates}"}},
    ]
    edges = [{"source": "hook", "source_handle": "default", "target": "person"}]
    # The ids above are the client's own: the server gives its own and maps them in id_map.
    saved = call(base, token, "PUT", f"/api/workflow/{workflow['id']}/canvas_data/",
                 {"version": workflow["version"], "nodes": nodes, "edges": edges})
    call(base, token, "PATCH", f"/api/workflow/{workflow['id']}/", {"active": True})
    return workflow["id"], saved["id_map"]["person"]


def start(base, path, count):
    url = urllib.parse.urlsplit(base)
    body = json.dumps({"candidates": CANDIDATES})
    ids = [None] * count
    failures = []

    def sender(first):
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        try:
            for i in range(first, count, SENDERS):
                connection.request("POST", "/api/hooks/" + path, body, {"Content-Type": "application/json"})
                response = connection.getresponse()
                answer = response.read()
                if response.status != 202:
                    failures.append(f"{response.status} {answer[:200]!r}")
                    return
                ids[i] = json.loads(answer)["task_id"]
        finally:
            connection.close()

    threads = [threading.Thread(target=sender, args=(first,)) for first in range(SENDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        sys.exit("a run did not start: " + failures[0])
    return ids


if __name__ == "__main__":
    command, base = sys.argv[1:3]
    if command == "create":
        print(*create(base, sys.argv[3]))
    else:
        for task_id in start(base, sys.argv[3], int(sys.argv[4])):
            print(task_id)
