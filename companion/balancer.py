"""Several uvicorn workers behind one port, with the parent handing out the connections.

The kernel's ways of spreading connections over worker processes are uneven for a server whose
clients keep their connections open:

- one shared listening socket: the worker that happens to wait in ``accept()`` takes a whole burst
  (32 clients connecting at once were split 31 : 1 in one run, issue 13);
- ``SO_REUSEPORT`` sockets: the kernel hashes each connection to a worker, so 32 connections over two
  workers came out 13 : 19 or 11 : 21 as often as 16 : 16, and the busier worker's queue set the
  99th percentile (357 and 468 ms against 227 ms for 15 : 17).

So the parent accepts, as Node's cluster module does by default: a thread in the supervising process
takes each new connection and passes its file descriptor (``SCM_RIGHTS`` over a Unix socket pair, one
per worker) to the ready worker that holds the fewest open connections. The worker serves it with
uvicorn's own HTTP protocol and reports back when it closes (``companion.balanced_worker``). A
worker counts as ready once its app has started, so nothing is handed to a worker that is still
starting or already shutting down; while no worker is ready the connections wait in the listening
socket's backlog.

Messages on the pair (one ``SOCK_SEQPACKET`` packet each): parent → worker ``c`` with one descriptor;
worker → parent ``+`` ready, ``-`` one connection closed, ``x`` stops taking connections.
"""

from __future__ import annotations

import contextlib
import logging
import os
import selectors
import socket
import sys
import threading
import time

from uvicorn.config import Config
from uvicorn.supervisors import multiprocess

log = logging.getLogger(__name__)

READY, CLOSED, STOP, CONNECTION = b"+", b"-", b"x", b"c"


def supported() -> bool:
    """Descriptor passing over ``SOCK_SEQPACKET`` pairs: Linux (and other Unixes that have both)."""
    return hasattr(socket, "send_fds") and hasattr(socket, "SOCK_SEQPACKET") and sys.platform == "linux"


class _Channel:
    """The parent's end of one worker's socket pair, with what the parent knows of that worker."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.ready = False
        self.open = 0  # connections handed to the worker and not yet reported closed


class Acceptor:
    """Accepts on ``listener`` in a thread and hands each connection to the least busy ready worker."""

    def __init__(self, listener: socket.socket) -> None:
        self.listener = listener
        listener.setblocking(False)
        self._selector = selectors.DefaultSelector()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._selector.register(self._wake_r, selectors.EVENT_READ)
        self._new: list[_Channel] = []
        self._lock = threading.Lock()
        self._channels: list[_Channel] = []
        self._listening = False
        self._turn = 0
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="companion-acceptor", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop handing out connections; closes the listening socket and every worker channel."""
        if self._stopped:
            return
        self._stopped = True
        self._wake()
        self._thread.join(timeout=5)
        for channel in self._channels:
            channel.sock.close()
        self.listener.close()
        self._selector.close()
        self._wake_r.close()
        self._wake_w.close()

    def channel(self) -> socket.socket:
        """A new worker channel; returns the worker's end (to be passed to the worker process)."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        # Blocking, so a burst larger than the pair's buffer waits for the worker instead of failing;
        # reads use MSG_DONTWAIT. A worker that hangs is killed by the supervisor's health check, and
        # the send then fails.
        with self._lock:
            self._new.append(_Channel(ours))
        self._wake()
        return theirs

    def loads(self) -> list[tuple[bool, int]]:
        """(ready, open connections) per live worker channel, for tests and diagnostics."""
        return [(c.ready, c.open) for c in self._channels]

    def _wake(self) -> None:
        with contextlib.suppress(OSError):
            self._wake_w.send(b"!")

    def _run(self) -> None:
        while not self._stopped:
            incoming = False
            for key, _ in self._selector.select():
                if key.fileobj is self._wake_r:
                    with contextlib.suppress(OSError):
                        self._wake_r.recv(4096)
                    self._adopt()
                elif key.fileobj is self.listener:
                    incoming = True
                else:
                    self._hear(key.data)
            if incoming:  # after the workers' news, so closed connections no longer count
                self._accept()
            self._listen_if_someone_is_ready()

    def _adopt(self) -> None:
        with self._lock:
            new, self._new = self._new, []
        for channel in new:
            self._channels.append(channel)
            self._selector.register(channel.sock, selectors.EVENT_READ, channel)

    def _hear(self, channel: _Channel) -> None:
        while True:
            try:
                message = channel.sock.recv(16, socket.MSG_DONTWAIT)
            except BlockingIOError:
                return
            except OSError:
                message = b""
            if not message:  # the worker is gone
                self._selector.unregister(channel.sock)
                channel.sock.close()
                self._channels.remove(channel)
                return
            if message == READY:
                channel.ready = True
            elif message == CLOSED:
                channel.open = max(0, channel.open - 1)
            elif message == STOP:
                channel.ready = False

    def _listen_if_someone_is_ready(self) -> None:
        """Watch the listening socket only while a worker can take connections; otherwise they wait
        in the backlog instead of being accepted and dropped."""
        someone = any(c.ready for c in self._channels)
        if someone and not self._listening:
            self._selector.register(self.listener, selectors.EVENT_READ)
        elif not someone and self._listening:
            self._selector.unregister(self.listener)
        self._listening = someone

    def _pick(self) -> _Channel | None:
        ready = [c for c in self._channels if c.ready]
        if not ready:
            return None
        # Fewest open connections; ties go round the workers in turn.
        self._turn = (self._turn + 1) % len(ready)
        rotated = ready[self._turn :] + ready[: self._turn]
        return min(rotated, key=lambda c: c.open)

    def _accept(self) -> None:
        while (channel := self._pick()) is not None:
            try:
                conn, _ = self.listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:  # e.g. EMFILE: leave the rest in the backlog for a moment
                log.warning("companion: accept failed: %s", exc)
                time.sleep(0.05)
                return
            with conn:
                try:
                    socket.send_fds(channel.sock, [CONNECTION], [conn.fileno()])
                    channel.open += 1
                except OSError as exc:  # the worker went away between pick and send
                    log.warning("companion: could not hand a connection to a worker: %s", exc)
                    channel.ready = False


def run(config: Config) -> None:
    """uvicorn's supervisor (health checks, restarts, signals) with ``config.workers`` workers that
    get their connections from the parent."""
    from companion.balanced_worker import BalancedProcess, Handle

    listener = config.bind_socket()
    listener.listen(config.backlog)
    acceptor = Acceptor(listener)
    acceptor.start()
    multiprocess.Process = BalancedProcess  # type: ignore[misc]
    try:
        multiprocess.Multiprocess(config, sockets=Handle(acceptor)).run()
    finally:
        acceptor.stop()
        log.debug("companion: acceptor stopped in %d", os.getpid())
