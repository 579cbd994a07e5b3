"""A minimal Chrome DevTools Protocol client over --remote-debugging-pipe (standard library only).

Chromium reads NUL-terminated JSON commands from its fd 3 and writes NUL-terminated JSON replies and events to its
fd 4. One Browser runs one headless chromium; tabs attach with flatten=True so commands carry a sessionId.
Used by scripts/browser-har and scripts/browser-check.
"""

import json
import os
import select
import shutil
import subprocess
import tempfile
import time


def chromium_binary():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise SystemExit("no chromium found: apt-get install -y chromium")


def chromium_version(binary):
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    return out or "unknown"


class ProtocolError(Exception):
    pass


class Browser:
    def __init__(self, flags, binary=None, env=None):
        self.binary = binary or chromium_binary()
        self.profile = tempfile.mkdtemp(prefix="hstsq-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # The child's fd 3 is what it reads, fd 4 what it writes.
        def child_fds():
            # Via high numbers first, in case a pipe end already sits on 3 or 4.
            reader, writer = os.dup(to_browser_r) + 200, os.dup(from_browser_w) + 200
            os.dup2(to_browser_r, reader)
            os.dup2(from_browser_w, writer)
            os.dup2(reader, 3)
            os.dup2(writer, 4)

        args = [
            self.binary,
            "--headless=new",
            "--remote-debugging-pipe",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-dev-shm-usage",
            "--user-data-dir=" + self.profile,
        ] + list(flags) + ["about:blank"]
        self.process = subprocess.Popen(
            args,
            preexec_fn=child_fds,
            pass_fds=(3, 4),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=open(os.path.join(self.profile, "stderr.log"), "wb"),
            env=env,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events = []  # (sessionId, method, params) not yet consumed
        self.replies = {}  # command id -> reply

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    def _read_message(self, deadline):
        while b"\0" not in self._buffer:
            remaining = max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([self._from_browser], [], [], remaining)
            if not ready:
                return None
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise ProtocolError("chromium closed the DevTools pipe (exit status %s)" % self.process.poll())
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def _dispatch(self, message):
        if "id" in message:
            self.replies[message["id"]] = message
        elif "method" in message:
            self.events.append((message.get("sessionId"), message["method"], message.get("params", {})))

    def send_async(self, method, params=None, session=None):
        """Sends a command; its reply lands in self.replies[id]."""
        self._next_id += 1
        ident = self._next_id
        command = {"id": ident, "method": method, "params": params or {}}
        if session:
            command["sessionId"] = session
        data = json.dumps(command).encode() + b"\0"
        while data:
            written = os.write(self._to_browser, data)
            data = data[written:]
        return ident

    def poll(self, timeout):
        """Reads every message available within timeout seconds."""
        deadline = time.monotonic() + timeout
        message = self._read_message(deadline)
        while message is not None:
            self._dispatch(message)
            message = self._read_message(time.monotonic())
        return

    def send(self, method, params=None, session=None, timeout=30):
        ident = self.send_async(method, params, session)
        deadline = time.monotonic() + timeout
        while ident not in self.replies:
            message = self._read_message(deadline)
            if message is None:
                raise ProtocolError("no answer to %s within %ss" % (method, timeout))
            self._dispatch(message)
        message = self.replies.pop(ident)
        if "error" in message:
            raise ProtocolError("%s: %s" % (method, message["error"].get("message")))
        return message.get("result", {})

    def pump(self, until, timeout):
        """Reads events into self.events until until(self.events) is true or timeout seconds pass."""
        deadline = time.monotonic() + timeout
        while not until(self.events):
            message = self._read_message(deadline)
            if message is None:
                return False
            self._dispatch(message)
        return True

    def new_tab(self):
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.send("Network.enable", {}, session)
        self.send("Page.enable", {}, session)
        self.send("Network.setCacheDisabled", {"cacheDisabled": True}, session)
        return target, session
