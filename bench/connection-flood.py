#!/usr/bin/env python3
"""Connection flood against a running hub on loopback: does one address exhaust a node?

Opens N idle TCP connections to the hub from one loopback address (127.0.0.2 by default), counts how many
the hub keeps open, then, while they are held, asks /health and a signed-in /api/v1/auth/me from other
loopback addresses and times the answers. Loopback only; every loop is bounded; it stops by itself.

  ulimit -n 30000 && python3 bench/connection-flood.py --port 8080 --connections 10000 \
      --user sari.admin --password demo12345
"""
import argparse
import http.client
import json
import socket
import time


def request(port, source, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(source, 0))
    started = time.monotonic()
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    elapsed_ms = (time.monotonic() - started) * 1000
    cookies = response.getheader("Set-Cookie") or ""
    conn.close()
    return response.status, elapsed_ms, data, response.headers.get_all("Set-Cookie") or []


def main():
    args = argparse.ArgumentParser()
    args.add_argument("--port", type=int, default=8080)
    args.add_argument("--connections", type=int, default=10_000)
    args.add_argument("--flood-from", default="127.0.0.2")
    args.add_argument("--user", default="sari.admin")
    args.add_argument("--password", default="demo12345")
    a = args.parse_args()

    held = []
    refused_at_connect = 0
    started = time.monotonic()
    for _ in range(a.connections):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind((a.flood_from, 0))
        try:
            s.connect(("127.0.0.1", a.port))
            held.append(s)
        except OSError:
            refused_at_connect += 1
            s.close()
    opened_s = time.monotonic() - started
    time.sleep(1.0)  # let the hub close what it refuses

    still_open = 0
    for s in held:
        s.setblocking(False)
        try:
            data = s.recv(1)
            still_open += 0 if data == b"" else 1
        except BlockingIOError:
            still_open += 1  # nothing to read and not closed: the hub keeps it
        except OSError:
            pass

    health = request(a.port, "127.0.0.3", "GET", "/health")
    login = request(a.port, "127.0.0.4", "POST", "/api/v1/auth/staff/login",
                    json.dumps({"username": a.user, "password": a.password}), {"Content-Type": "application/json"})
    cookie = "; ".join(c.split(";")[0] for c in login[3])
    me = request(a.port, "127.0.0.4", "GET", "/api/v1/auth/me", headers={"Cookie": cookie})
    for s in held:
        s.close()
    print(json.dumps({
        "connectionsAttempted": a.connections, "openedInSeconds": round(opened_s, 2),
        "refusedAtConnect": refused_at_connect, "keptOpenByHub": still_open,
        "healthFromOtherAddress": {"status": health[0], "ms": round(health[1], 1)},
        "signInFromOtherAddress": {"status": login[0], "ms": round(login[1], 1)},
        "signedInRequest": {"status": me[0], "ms": round(me[1], 1)},
    }, indent=2))


if __name__ == "__main__":
    main()
