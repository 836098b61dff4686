"""Creates the engine benchmark's three workflows through the public API (bench/engine-bench.sh).

Each is a webhook in `last_node` mode, so the HTTP answer is the run's result and every answer can
be checked. Prints one line per workflow for the shell script:
    NAME WORKFLOW_ID HOOK_PATH NODES_PER_RUN REQUEST_BODY EXPECTED_ANSWER
(the two JSON texts have no spaces).

With `edits` (bench/soak-bench.sh) it also creates a workflow that is edited and executed in
development mode under the load, manual trigger -> transform, and prints
    EDIT WORKFLOW_ID TRANSFORM_NODE_ID

    python3 bench/engine-workflows.py BASE_URL TOKEN [edits]
"""
import json
import sys

from bench_api import call

CHAIN_LENGTH = 50


def node(node_id, node_type, name, form_values, x):
    return {"id": node_id, "node_type": node_type, "name": name, "position": {"x": x, "y": 0},
            "form_values": form_values}


def webhook(path):
    return node("hook", "webhook", "Hook", {"path": path, "response_mode": "last_node"}, 0)


def edge(source, target, handle="default"):
    return {"source": source, "source_handle": handle, "target": target}


def w1():
    """webhook -> transform, answered with the transform's output."""
    nodes = [webhook("bench-w1"),
             node("sum", "transform", "Sum", {"fields": {"sum": "${input.body.a + input.body.b}"}}, 200)]
    return nodes, [edge("hook", "sum")], {"sum": 42}


def w2():
    """webhook -> 50 transforms in a chain, each adding one to the last one's n."""
    nodes = [webhook("bench-w2"), node("t1", "transform", "Step 1", {"fields": {"n": "${input.body.a}"}}, 200)]
    edges = [edge("hook", "t1")]
    for i in range(2, CHAIN_LENGTH + 1):
        nodes.append(node("t%d" % i, "transform", "Step %d" % i, {"fields": {"n": "${input.n + 1}"}}, 200 * i))
        edges.append(edge("t%d" % (i - 1), "t%d" % i))
    return nodes, edges, {"n": 20 + CHAIN_LENGTH - 1}


def w3():
    """webhook -> condition -> one of two transforms (the other is skipped)."""
    nodes = [webhook("bench-w3"),
             node("big", "condition", "Big", {"expression": "${input.body.a > 10}"}, 200),
             node("yes", "transform", "Large", {"fields": {"large": True, "a": "${input.body.a}"}}, 400),
             node("no", "transform", "Small", {"fields": {"large": False}}, 400)]
    edges = [edge("hook", "big"), edge("big", "yes", "true"), edge("big", "no", "false")]
    # Executed: hook, big, one transform; the other is skipped and leaves a SKIPPED record.
    return nodes, edges, {"large": True, "a": 20}


def edited():
    """manual trigger -> transform: API edits and development-mode calls, never run in production."""
    nodes = [node("start", "manual-trigger", "Start", {}, 0),
             node("shape", "transform", "Shape", {"fields": {"angle": "${input.topic}"}}, 200)]
    return nodes, [edge("start", "shape")]


def save(base, token, name, nodes, edges):
    """Creates a workflow with this graph; returns its id and the saved canvas."""
    workflow = call(base, token, "POST", "/workflow/", {"name": name})
    canvas = call(base, token, "PUT", "/workflow/%s/canvas_data/" % workflow["id"],
                  {"version": workflow["version"], "nodes": nodes, "edges": edges})
    return workflow["id"], canvas


def main():
    base, token = sys.argv[1].rstrip("/") + "/api", sys.argv[2]
    body = {"a": 20, "b": 22}
    for name, build in (("W1", w1), ("W2", w2), ("W3", w3)):
        nodes, edges, expected = build()
        workflow_id, canvas = save(base, token, "bench " + name, nodes, edges)
        call(base, token, "PATCH", "/workflow/%s/" % workflow_id, {"active": True})
        path = nodes[0]["form_values"]["path"]
        print(name, workflow_id, path, len(canvas["nodes"]),
              json.dumps(body, separators=(",", ":")), json.dumps(expected, separators=(",", ":")))
    if sys.argv[3:] == ["edits"]:
        workflow_id, canvas = save(base, token, "soak edits", *edited())
        print("EDIT", workflow_id, canvas["id_map"]["shape"])


if __name__ == "__main__":
    main()
