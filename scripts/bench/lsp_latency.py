#!/usr/bin/env python3
"""`make bench` section 11: `cfntool lsp` latency and memory, as an editor sees them.

For a template: open it, then type: N keystrokes, each a one-character change of a Description,
each timed from the didChange notification to the publishDiagnostics of that version; hover and
completion requests timed to their response. Memory: the server's resident set after the first
edit and after 1,000 edits (each waiting for its diagnostics).
Usage: lsp_latency.py BIN TEMPLATE [--edits N] [--memory]"""
import json, os, statistics, subprocess, sys, time

def main():
    binary, path = sys.argv[1], sys.argv[2]
    edits = int(sys.argv[sys.argv.index("--edits") + 1]) if "--edits" in sys.argv else 20
    memory = "--memory" in sys.argv
    p = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    def send(obj):
        body = json.dumps(obj).encode()
        p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        p.stdin.flush()
    def read():
        length = 0
        while True:
            line = p.stdout.readline().strip()
            if not line: break
            k, v = line.decode().split(":", 1)
            if k.lower() == "content-length": length = int(v)
        return json.loads(p.stdout.read(length))
    def until(pred):
        while True:
            m = read()
            if pred(m): return m
    send({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"capabilities": {"general": {"positionEncodings": ["utf-8"]}}}})
    until(lambda m: m.get("id") == 0)
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    text = open(path, encoding="utf-8").read()
    lines = text.split("\n")
    uri = "file://" + os.path.abspath(path)
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}})
    until(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    # Keystrokes: a character typed at the end of the first Description line, over and over.
    target = next(i for i, l in enumerate(lines) if "Description:" in l)
    column = len(lines[target].encode())
    version = 1
    def keystroke(ch):
        nonlocal version, column
        version += 1
        start = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": target, "character": column}, "end": {"line": target, "character": column}}, "text": ch}]}})
        v = version
        until(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("version") == v)
        column += 1
        return time.perf_counter() - start
    def rss():
        for l in open(f"/proc/{p.pid}/status"):
            if l.startswith("VmRSS:"): return int(l.split()[1])
    def cpu():
        # utime + stime of the server, in seconds (a busy machine inflates wall time, not this).
        fields = open(f"/proc/{p.pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    before = cpu()
    diag = [keystroke("x") for _ in range(edits)]
    cpu_per_keystroke = (cpu() - before) / edits
    # Hover on a resource type, completion of a property name: requests at real positions.
    type_line = next(i for i, l in enumerate(lines) if l.strip().startswith("Type: AWS::"))
    prop_line = next(i for i, l in enumerate(lines) if l.strip() == "Properties:")
    rid = 100
    def timed(method, line, character):
        nonlocal rid
        rid += 1
        r = rid
        start = time.perf_counter()
        send({"jsonrpc": "2.0", "id": r, "method": method, "params": {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}})
        until(lambda m: m.get("id") == r)
        return time.perf_counter() - start
    hover = [timed("textDocument/hover", type_line, lines[type_line].index("AWS::") + 3) for _ in range(edits)]
    completion = [timed("textDocument/completion", prop_line + 1, lines[prop_line].index("P") + 2) for _ in range(edits)]
    out = {"diagnostics_ms": statistics.median(diag) * 1e3, "cpu_per_keystroke_ms": cpu_per_keystroke * 1e3, "hover_ms": statistics.median(hover) * 1e3,
           "completion_ms": statistics.median(completion) * 1e3}
    if memory:
        first = rss()
        for _ in range(1000): keystroke("y")
        out["rss_first_kb"], out["rss_after_1000_kb"] = first, rss()
    send({"jsonrpc": "2.0", "id": 999, "method": "shutdown", "params": None})
    until(lambda m: m.get("id") == 999)
    send({"jsonrpc": "2.0", "method": "exit"})
    p.wait()
    print(json.dumps(out))

main()
