"""The language server's latency, measured over JSON-RPC as an editor meets it (its own
debounce comes on top): from `didChange` of a file to the diagnostics published for it.

    python3 bench/lsp.py TREATYWATCH DATA [EDITS]

DATA is a data folder (e.g. `treatywatch-datagen --claims 10000 --out DATA`). The script
starts `TREATYWATCH lsp --data DATA`, waits for the first diagnostics, then times EDITS edits
(default 30) of one claim file — each makes an id unknown or known again, so each changes that
file's diagnostics — and 5 edits of an actor file (which re-checks every claim), and prints
medians, the server's resident memory after loading, and the time to load.
"""

import json
import re
import os
import pathlib
import statistics
import subprocess
import sys
import threading
import time


class Client:
    def __init__(self, command):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.published = {}
        self.condition = threading.Condition()
        self.responses = {}
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.process.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            message = json.loads(out.read(length))
            with self.condition:
                if message.get("method") == "textDocument/publishDiagnostics":
                    uri = message["params"]["uri"]
                    self.published[uri] = (time.perf_counter(), message["params"]["diagnostics"])
                elif "id" in message:
                    self.responses[message["id"]] = message
                self.condition.notify_all()

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def wait(self, test, timeout=600):
        deadline = time.time() + timeout
        with self.condition:
            while not test():
                left = deadline - time.time()
                if left <= 0:
                    raise TimeoutError("no answer")
                self.condition.wait(left)


def main(binary, data, edits=30):
    data = pathlib.Path(data).resolve()
    client = Client([binary, "lsp", "--data", str(data)])
    started = time.perf_counter()
    client.send({"jsonrpc": "2.0", "id": 0, "method": "initialize",
                 "params": {"capabilities": {}, "rootUri": data.parent.as_uri()}})
    client.wait(lambda: 0 in client.responses)
    loaded = time.perf_counter() - started
    client.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    status = pathlib.Path(f"/proc/{client.process.pid}/status").read_text()
    rss = next(int(l.split()[1]) for l in status.splitlines() if l.startswith("VmRSS:")) // 1024

    def timed_edits(path, variants, count):
        uri = path.as_uri()
        client.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": variants[0]}}})
        # Requests are answered in order: once this one is, the open has been handled.
        marker = 1000 + len(client.responses)
        client.send({"jsonrpc": "2.0", "id": marker, "method": "textDocument/hover", "params": {
            "textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}})
        client.wait(lambda: marker in client.responses)
        times = []
        for n in range(count):
            text = variants[(n + 1) % 2]
            before = client.published.get(uri, (0, None))[0]
            sent = time.perf_counter()
            client.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": n + 2},
                "contentChanges": [{"text": text}]}})
            client.wait(lambda: client.published.get(uri, (0,))[0] > before)
            times.append(client.published[uri][0] - sent)
        return times

    claim_file = sorted((data / "claims").glob("*.yaml"))[0]
    text = claim_file.read_text()
    claimant = next(l for l in text.splitlines() if l.strip().startswith("claimant:"))
    broken = text.replace(claimant, claimant.rstrip() + "-typo", 1)
    claim_times = timed_edits(claim_file, [text, broken], edits)
    actors = sorted((data / "actors").glob("*.yaml"))[0]
    text = actors.read_text()
    # An unknown kind for the first actor: the file's own diagnostics change every edit.
    broken = re.sub(r"kind: (\w+)", r"kind: \1x", text, count=1)
    assert broken != text
    actor_times = timed_edits(actors, [text, broken], 5)
    client.send({"jsonrpc": "2.0", "id": 9, "method": "shutdown"})
    client.send({"jsonrpc": "2.0", "method": "exit"})
    client.process.wait(timeout=60)
    ms = lambda xs: f"{statistics.median(xs) * 1000:.1f} ms (min {min(xs) * 1000:.1f}, max {max(xs) * 1000:.1f}, n={len(xs)})"
    print(f"data: {data} ({sum(1 for _ in (data / 'claims').glob('*.yaml'))} claim files)")
    print(f"initialize (load and check everything): {loaded:.2f} s; resident memory then {rss} MiB")
    print(f"didChange of a claim file -> its diagnostics: median {ms(claim_times)}")
    print(f"didChange of an actor file (every claim checked again) -> its diagnostics: median {ms(actor_times)}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], *(int(a) for a in sys.argv[3:]))
