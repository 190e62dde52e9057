"""Run one call in a child process, so that the memory it used goes back to the system.

Python keeps the memory of the objects it frees, to use again itself: a build
that held 100,000 activities stays that large after it lets go of them. The
search index is built afterwards by another program (Pagefind) whose runs
need a few hundred megabytes each, so the two would add up. Loading and
writing the site in a child process that has ended before the index is
built gives that memory back first.

The child is forked: it starts with the parent's modules already imported
and needs nothing sent to it, so it costs milliseconds. Where forking is not
the safe choice (macOS, Windows) the call runs in this process.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import pickle
import signal
import sys
from collections.abc import Callable
from multiprocessing.pool import ExceptionWithTraceback  # type: ignore[attr-defined]  # not public, so not in typeshed
from typing import TypeVar

T = TypeVar("T")
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def run_apart(function: Callable[..., T], *args: object) -> T:
    """``function(*args)``, run in a forked child process: its result, or its exception raised here."""
    if sys.platform != "linux":
        return function(*args)
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_run_and_send, args=(sending, os.getpid(), function, args))
    child.start()
    sending.close()  # the child holds the only sending end: a child that dies is an EOF here
    try:
        outcome, value = receiving.recv()
    except EOFError:
        child.join()
        raise RuntimeError(f"the process writing the site stopped before it finished (exit code {child.exitcode})") from None
    except BaseException:
        # Stopped here (Ctrl-C): the child must not write on into a folder
        # that is about to be removed, or hold the lock of the next build.
        child.kill()
        child.join()
        raise
    finally:
        receiving.close()
    child.join()
    if outcome == "raised":
        raise value
    return value


def _run_and_send(sending, parent: int, function: Callable, args: tuple) -> None:
    _end_with(parent)
    # Ctrl-C reaches the whole process group: the parent answers it, and stops this one.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        outcome = ("returned", function(*args))
    except BaseException as error:  # every outcome goes back to the parent
        outcome = ("raised", _sendable(error))
    try:
        sending.send(outcome)
    except Exception as error:  # a result that cannot be sent: say why, plainly
        sending.send(("raised", RuntimeError(f"the result ({type(outcome[1]).__name__}) could not be passed back: {error}")))
    finally:
        sending.close()


def _sendable(error: BaseException) -> BaseException:
    """``error`` with its traceback (shown by --debug), or a plain RuntimeError if it cannot be sent whole."""
    wrapped = ExceptionWithTraceback(error, error.__traceback__)
    try:
        pickle.loads(pickle.dumps(wrapped))
    except Exception as problem:  # any failure to rebuild it
        return RuntimeError(f"{error} (and it could not be passed back whole: {problem})")
    return wrapped


def _end_with(parent: int) -> None:
    """Have the kernel stop this process if ``parent`` ends first.

    A build that is killed must not leave its child writing on: the child
    would hold the build's lock (which it shares) and keep the next build out.
    """
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent ended before the request was made
        os._exit(1)
