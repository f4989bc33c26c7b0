"""The extraction pool dies with the crawl that started it, even after ``kill -9``.

The pool's fork server is a child of the crawl; its workers are children of the fork server
and would otherwise wait for ever on a queue whose writing end they hold themselves (with
a few hundred MB of loaded models each). So the fork server and every worker ask Linux for a
parent-death signal (``PR_SET_PDEATHSIG``: SIGKILL when their parent exits) and watch the
crawl's pid on a pidfd (on any platform with ``os.pidfd_open``; otherwise a one-second poll):
when the crawl is gone they exit. The resource tracker exits by itself once they are gone.
"""

from __future__ import annotations

import ctypes
import os
import select
import signal
import sys
import threading
import time

#: From <linux/prctl.h>.
PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Exit this process as soon as ``parent_pid`` (the crawl) exits."""
    _parent_death_signal()
    if not _alive(parent_pid):
        os._exit(0)
    threading.Thread(target=_watch, args=(parent_pid,), name="lifeline", daemon=True).start()


def _parent_death_signal() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no libc prctl: the watch thread still works
        pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _watch(pid: int) -> None:
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        while _alive(pid) and os.getppid() != 1:
            time.sleep(1.0)
    else:
        select.select([fd], [], [])  # readable once the process has exited
    os._exit(0)


def job_files_dir(settings):
    """Where Scrapy's remote-control server writes its job files (as Scrapy decides it)."""
    from pathlib import Path

    if settings.get("REMOTE_CONTROL_JOBS_DIR"):
        return Path(settings.get("REMOTE_CONTROL_JOBS_DIR"))
    from platformdirs import user_state_dir

    return Path(user_state_dir("scrapy", appauthor=False), "job_files")


def remove_stale_job_files(directory) -> int:
    """Delete Scrapy remote-control job files left by crawls that no longer run.

    Earlier versions started Scrapy's remote-control server, which writes ``<pid>-<id>.json``
    (with its access token) and removes it only on a clean exit; a killed crawl left it.
    """
    removed = 0
    for path in _job_files(directory):
        pid = path.name.split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            try:
                path.unlink()
                removed += 1
            except OSError:
                pass
    return removed


def _job_files(directory):
    from pathlib import Path

    folder = Path(directory)
    return sorted(folder.glob("*.json")) if folder.is_dir() else []
