"""How the model's rules are compiled: by numba, cached on disk, without reference counting.

Each rule is a function of one person's index over the state arrays, and each mechanism runs it
for everyone in a compiled loop (:mod:`.mechanisms`). Both are compiled with :data:`rule`, which
is numba's ``njit`` with its on-disk cache (filled at install: :mod:`.precompile`) and without
numba's runtime (``_nrt=False``).

Why without the runtime: with it, numba increments and decrements the reference count of every
array a compiled function passes to another one (numba issue #2345), and does so again for each
array packed into a tuple of arguments. A rule takes a dozen arrays and is called once per
person, so those counts cost more than the rule's arithmetic: at 1,000 people the single loop
of :mod:`.mechanisms.experience` took 290 µs a week with the runtime and 27 µs without it. A
function compiled without the runtime cannot create arrays (numba refuses it at compile time,
"NRT required but not enabled"), so a rule that needs room to add things up is given it by its
caller, and the few functions that do build arrays (the metrics' sums, the task's landscape,
the lists of a week's messages) are compiled with plain ``njit(cache=True)``. Under
``NUMBA_DISABLE_JIT=1`` both run as the Python they are written in.

References:
    Lam, S. K., Pitrou, A. & Seibert, S. (2015). Numba: a LLVM-based Python JIT compiler.
    *Proceedings of the Second Workshop on the LLVM Compiler Infrastructure in HPC*, 1-6.
"""

from __future__ import annotations

from numba import njit

rule = njit(cache=True, _nrt=False)  # type: ignore[call-overload]  # the stubs leave out _nrt
"""Decorator for a rule and for the loop that runs it for everyone: compiled, cached, no runtime."""

__all__ = ["rule"]
