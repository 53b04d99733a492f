"""Memory settings for runs that make millions of long-lived objects (loading, analysing).

A base module: it knows nothing of the landscape, so every layer may use it.
"""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def paused_gc():
    """Pause the cyclic garbage collector while millions of long-lived objects are made.

    Its full collections rescan every object each time; at 100,000 entities they took
    more than half of resolving and building. Reference counting still frees everything
    else, and the collector's state is restored on the way out.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
