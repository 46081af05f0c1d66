"""The parent's acceptor (``companion.balancer``) with stand-in workers: real sockets, real descriptor
passing, no uvicorn. The two-worker server test checks the whole path with real workers."""

from __future__ import annotations

import select
import socket
import time
from collections.abc import Callable, Iterator

import pytest

from companion import balancer
from companion.balancer import CLOSED, CONNECTION, READY, STOP, Acceptor

pytestmark = pytest.mark.skipif(not balancer.supported(), reason="needs descriptor passing (Linux)")


def wait_for(condition: Callable[[], bool], timeout: float = 3.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.01)


class Worker:
    """The worker's end of a channel: says what a worker says, collects what it is handed."""

    def __init__(self, acceptor: Acceptor) -> None:
        self.sock = acceptor.channel()
        self.taken: list[socket.socket] = []

    def say(self, message: bytes) -> None:
        self.sock.send(message)

    def collect(self, timeout: float = 0.3) -> int:
        """Receive every connection handed over within ``timeout``; returns how many arrived."""
        before = len(self.taken)
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            if not select.select([self.sock], [], [], left)[0]:
                break
            message, fds, _, _ = socket.recv_fds(self.sock, 16, 8)
            assert message == CONNECTION and len(fds) == 1
            self.taken.append(socket.socket(fileno=fds[0]))
        return len(self.taken) - before

    def close(self) -> None:
        for conn in self.taken:
            conn.close()
        self.sock.close()


@pytest.fixture
def acceptor() -> Iterator[Acceptor]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    acc = Acceptor(listener)
    acc.start()
    yield acc
    acc.stop()


def connect(acceptor: Acceptor, n: int) -> list[socket.socket]:
    return [socket.create_connection(acceptor.listener.getsockname(), timeout=3) for _ in range(n)]


def test_connections_wait_until_a_worker_is_ready(acceptor: Acceptor) -> None:
    worker = Worker(acceptor)
    clients = connect(acceptor, 2)  # the kernel completes the handshake; they wait in the backlog
    assert worker.collect(0.3) == 0
    worker.say(READY)
    assert worker.collect(1.0) == 2
    for c in clients:
        c.close()
    worker.close()


def test_a_burst_is_split_evenly_and_the_least_busy_worker_gets_the_next(acceptor: Acceptor) -> None:
    a, b = Worker(acceptor), Worker(acceptor)
    a.say(READY)
    b.say(READY)
    wait_for(lambda: acceptor.loads() == [(True, 0), (True, 0)])
    clients = connect(acceptor, 8)
    assert (a.collect(), b.collect()) == (4, 4)
    for conn in a.taken[:3]:  # a's three connections end: a is now the one with room
        conn.close()
        a.say(CLOSED)
    wait_for(lambda: sorted(acceptor.loads()) == [(True, 1), (True, 4)])
    clients += connect(acceptor, 3)
    assert (a.collect(), b.collect()) == (3, 0)
    for c in clients:
        c.close()
    a.close()
    b.close()


def test_the_handed_descriptor_is_the_client_connection(acceptor: Acceptor) -> None:
    worker = Worker(acceptor)
    worker.say(READY)
    (client,) = connect(acceptor, 1)
    assert worker.collect(1.0) == 1
    client.sendall(b"GET /health HTTP/1.1\r\n\r\n")
    worker.taken[0].settimeout(2)
    assert worker.taken[0].recv(64).startswith(b"GET /health")
    worker.taken[0].sendall(b"HTTP/1.1 200 OK\r\n")
    assert client.recv(64) == b"HTTP/1.1 200 OK\r\n"
    client.close()
    worker.close()


def test_a_stopping_or_vanished_worker_gets_nothing_more(acceptor: Acceptor) -> None:
    a, b, c = Worker(acceptor), Worker(acceptor), Worker(acceptor)
    for w in (a, b, c):
        w.say(READY)
    wait_for(lambda: len(acceptor.loads()) == 3 and all(ready for ready, _ in acceptor.loads()))
    a.say(STOP)  # shutting down: keeps its connections, takes no new ones
    b.sock.close()  # died: the parent forgets it
    wait_for(lambda: sorted(acceptor.loads()) == [(False, 0), (True, 0)])
    clients = connect(acceptor, 4)
    assert (a.collect(), c.collect()) == (0, 4)
    for client in clients:
        client.close()
    a.close()
    c.close()


def test_stop_closes_the_listening_socket(acceptor: Acceptor) -> None:
    address = acceptor.listener.getsockname()
    worker = Worker(acceptor)
    worker.say(READY)
    acceptor.stop()
    with pytest.raises(OSError):
        socket.create_connection(address, timeout=1)
    worker.close()
    acceptor.stop()  # a second stop (the fixture's) is harmless
