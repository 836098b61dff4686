"""The LLM benchmarks' connections and workflows, through the public API (bench/stream-bench.sh, bench/llm-bench.sh).

    python3 bench/llm-workflows.py connection BASE_URL TOKEN NAME OPENAI_BASE_URL   -> the connection's id
    python3 bench/llm-workflows.py stream BASE_URL TOKEN CONNECTION HOOK_PATH MODELS STREAM
        -> webhook (on_received) -> llm with MODELS models (m1, m2, ...) of the connection, one
           candidate each (candidates_per_model 1: the models answer at once), cache off, streaming
           on or off (STREAM true|false); prints the workflow id
    python3 bench/llm-workflows.py devmode BASE_URL TOKEN CONNECTION
        -> manual trigger -> llm (one model, cache on, no streaming) beside a transform, for
           development-mode calls; prints the workflow id, the llm node's id, the transform's id
"""
import sys

from bench_api import call


def node(node_id, node_type, name, form_values, x, y=0):
    return {"id": node_id, "node_type": node_type, "name": name, "position": {"x": x, "y": y},
            "form_values": form_values}


def save(base, token, name, nodes, edges):
    workflow = call(base, token, "POST", "/api/workflow/", {"name": name})
    saved = call(base, token, "PUT", f"/api/workflow/{workflow['id']}/canvas_data/",
                 {"version": workflow["version"], "nodes": nodes, "edges": edges})
    return workflow["id"], saved["id_map"]


def connection(base, token, name, url):
    created = call(base, token, "POST", "/api/connections/", {"name": name, "kind": "openai", "base_url": url})
    return created["id"]


def stream(base, token, connection_id, hook_path, model_count, streaming):
    models = [{"connection": connection_id, "model": "m%d" % (i + 1)} for i in range(model_count)]
    nodes = [node("hook", "webhook", "Start", {"path": hook_path, "response_mode": "on_received"}, 0),
             node("write", "llm", "Write", {"models": models, "candidates_per_model": 1,
                                            "prompt": "Write at length", "stream": streaming, "cache": False}, 300)]
    workflow_id, _ = save(base, token, "bench stream " + hook_path, nodes,
                          [{"source": "hook", "source_handle": "default", "target": "write"}])
    call(base, token, "PATCH", f"/api/workflow/{workflow_id}/", {"active": True})
    return workflow_id


def devmode(base, token, connection_id):
    nodes = [node("start", "manual-trigger", "Start", {}, 0),
             node("ask", "llm", "Ask", {"models": [{"connection": connection_id, "model": "fake-small"}],
                                        "prompt": "Write three angles on ${input.topic}",
                                        "stream": False, "cache": True}, 300),
             node("shape", "transform", "Shape", {"fields": {"angle": "${input.topic}"}}, 300, 200)]
    edges = [{"source": "start", "source_handle": "default", "target": "ask"},
             {"source": "start", "source_handle": "default", "target": "shape"}]
    workflow_id, ids = save(base, token, "bench devmode", nodes, edges)
    return workflow_id, ids["ask"], ids["shape"]


if __name__ == "__main__":
    command, base, token = sys.argv[1:4]
    rest = sys.argv[4:]
    if command == "connection":
        print(connection(base, token, rest[0], rest[1]))
    elif command == "stream":
        print(stream(base, token, rest[0], rest[1], int(rest[2]), rest[3] == "true"))
    else:
        print(*devmode(base, token, rest[0]))
