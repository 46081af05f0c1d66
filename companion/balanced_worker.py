"""The worker side of ``companion.balancer``: a uvicorn server fed with connections by the parent.

Each worker gets the other end of a Unix socket pair instead of a listening socket. It says ``+``
once its app has started, serves every descriptor the parent sends with uvicorn's own HTTP protocol,
says ``-`` whenever one of those connections closes and ``x`` when it shuts down; when the parent is
gone it stops as on SIGTERM.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import sys
from collections.abc import Callable
from typing import Any

from uvicorn.config import STARTUP_FAILURE, Config
from uvicorn.server import Server
from uvicorn.supervisors import multiprocess

from companion.balancer import CLOSED, READY, STOP, Acceptor


class BalancedServer(Server):
    """A uvicorn server that takes its connections from the parent instead of a listening socket."""

    channel: socket.socket

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        assert sockets, "a balanced worker needs its channel to the parent"
        self.channel = sockets[0]
        self.channel.setblocking(False)
        await self.lifespan.startup()
        if self.lifespan.should_exit:
            sys.exit(STARTUP_FAILURE)
        protocol = _counted(self.config.http_protocol_class, self._report_closed)
        config, state = self.config, self.server_state

        def create_protocol() -> asyncio.Protocol:
            instance: asyncio.Protocol = protocol(
                config=config, server_state=state, app_state=self.lifespan.state
            )
            return instance

        loop = asyncio.get_running_loop()
        loop.add_reader(self.channel.fileno(), self._receive, loop, create_protocol)
        self.servers = []
        self.started = True
        self._send(READY)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self._send(STOP)
        asyncio.get_running_loop().remove_reader(self.channel.fileno())
        await super().shutdown(sockets=sockets)  # closes the channel with the other sockets

    def _send(self, message: bytes) -> None:
        with contextlib.suppress(OSError):  # the parent is gone: nothing to tell
            self.channel.send(message)

    def _report_closed(self) -> None:
        self._send(CLOSED)

    def _receive(self, loop: asyncio.AbstractEventLoop, create_protocol: Callable[[], Any]) -> None:
        while True:
            try:
                message, fds, _, _ = socket.recv_fds(self.channel, 16, 8)
            except BlockingIOError:
                return
            except OSError:
                message, fds = b"", []
            if not message and not fds:  # the parent is gone: stop like on SIGTERM
                loop.remove_reader(self.channel.fileno())
                self.should_exit = True
                return
            for fd in fds:
                conn = socket.socket(fileno=fd)
                if self.should_exit:
                    conn.close()
                    self._report_closed()
                    continue
                conn.setblocking(False)
                task = loop.create_task(self._take(loop, conn, create_protocol))
                self.server_state.tasks.add(task)
                task.add_done_callback(self.server_state.tasks.discard)

    async def _take(
        self, loop: asyncio.AbstractEventLoop, conn: socket.socket, create_protocol: Callable[[], Any]
    ) -> None:
        try:
            await loop.connect_accepted_socket(create_protocol, conn)
        except OSError:  # the client left before the worker got to it
            conn.close()
            self._report_closed()


def _counted(protocol_class: type[asyncio.Protocol], closed: Callable[[], None]) -> type[Any]:
    """uvicorn's HTTP protocol, telling the parent when its connection is gone."""

    class Counted(protocol_class):  # type: ignore[valid-type,misc]
        def connection_lost(self, exc: Exception | None) -> None:
            try:
                super().connection_lost(exc)
            finally:
                closed()

    return Counted


class Handle(list[socket.socket]):
    """What the supervisor passes to every new ``Process``: no sockets, but the acceptor to ask for a
    channel (uvicorn's supervisor creates workers, and replaces dead ones, by ``Process(config,
    sockets)``)."""

    def __init__(self, acceptor: Acceptor) -> None:
        super().__init__()
        self.acceptor = acceptor


class BalancedProcess(multiprocess.Process):
    """A uvicorn worker fed by the parent's acceptor (the supervisor pickles it into the child, so it
    lives at module level and keeps only the worker's end of its channel)."""

    def __init__(self, config: Config, sockets: list[socket.socket]) -> None:
        assert isinstance(sockets, Handle)
        self._channel = sockets.acceptor.channel()
        super().__init__(config, [self._channel])

    def start(self) -> None:
        super().start()
        self._channel.close()  # the child has its copy; the parent must not keep the pair open

    @property
    def server(self) -> Server:
        if self._server is None:
            self._server = BalancedServer(config=self.config)
        return self._server
