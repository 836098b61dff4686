"""The public API as the bench scripts' Python helpers call it: JSON in, JSON out, with the admin token."""
import json
import urllib.request


def call(base, token, method, path, body=None, timeout=60):
    request = urllib.request.Request(base + path, method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": "Bearer " + token,
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read() or b"null")
