"""One Twisted reactor per process, running in a daemon thread, so crawls can run one after another.

A Twisted reactor cannot be restarted once stopped, and Scrapy's CrawlerProcess stops it at the end
of a crawl. Running the reactor for the life of the process in its own thread lets ``yuqing run``,
``yuqing demo`` and the tests start any number of crawls with Scrapy's CrawlerRunner.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

__all__ = ["call_in_reactor", "get_reactor"]

_lock = threading.Lock()
_thread: threading.Thread | None = None


def get_reactor() -> Any:
    """Return the process's reactor, started in a daemon thread on first use."""
    global _thread
    with _lock:
        from twisted.internet import reactor  # installs the platform's default reactor if none is

        if _thread is None:
            _thread = threading.Thread(target=reactor.run, kwargs={"installSignalHandlers": False},
                                       name="yuqing-reactor", daemon=True)
            _thread.start()
        return reactor


def call_in_reactor(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> threading.Event:
    """Run ``fn`` in the reactor thread; if it returns a Deferred, the event is set when it fires.

    The returned event carries ``result`` or ``error`` attributes once set.
    """
    from twisted.internet import defer

    reactor = get_reactor()
    done = threading.Event()

    def finish(value: Any, failed: bool) -> None:
        if failed:
            done.error = value  # type: ignore[attr-defined]
        else:
            done.result = value  # type: ignore[attr-defined]
        done.set()

    def start() -> None:
        try:
            d = defer.maybeDeferred(fn, *args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread, never lost
            finish(exc, True)
            return
        d.addCallbacks(lambda v: finish(v, False), lambda f: finish(f.value, True))

    reactor.callFromThread(start)
    return done
