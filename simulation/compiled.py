"""How the model's rules are compiled: by numba, cached on disk, without reference counting.

Each rule is a function of one person's index over the state arrays, and each mechanism runs it
for everyone in a compiled loop (:mod:`.mechanisms`). Both are compiled with :data:`rule`, which
is numba's ``njit`` with its on-disk cache (filled at install: :mod:`.precompile`), without
numba's runtime (``_nrt=False``), and inlined where it is called (``forceinline``).

Why without the runtime: with it, numba increments and decrements the reference count of every
array a compiled function passes to another one (numba issue #2345), and does so again for each
array packed into a tuple of arguments. A rule takes a dozen arrays and is called once per
person, so those counts cost more than the rule's arithmetic: at 1,000 people the single loop
of :mod:`.mechanisms.experience` took 290 µs a week with the runtime and 27 µs without it. A
function compiled without the runtime cannot create arrays (numba refuses it at compile time,
"NRT required but not enabled"), so a rule that needs room to add things up is given it by its
caller, and the few functions that do build arrays (the metrics' sums, the task's landscape,
the lists of a week's messages) are compiled with plain ``njit(cache=True)``.

Why inlined: a call passes each array as a handful of numbers (its data, shape and strides), and
a rule called once per person with a dozen arrays spends as long on the call as on the rule.
Inlined into the loop over everyone, what the arrays are is read once per loop, not once per
person: the same loop of experience, 27 µs called, 15 µs inlined. The rule stays a function of
its own, which a Mesa agent calls for itself. Under ``NUMBA_DISABLE_JIT=1`` all of this runs as
the Python it is written in.

After editing a rule, run ``make setup`` (or ``python -m orglearn.simulation.precompile
--fresh``): numba checks a cached function against its own file only, so a loop would keep the
old machine code of a rule inlined from another file. ``make setup`` recompiles from scratch
whenever a file of the model changed.

References:
    Lam, S. K., Pitrou, A. & Seibert, S. (2015). Numba: a LLVM-based Python JIT compiler.
    *Proceedings of the Second Workshop on the LLVM Compiler Infrastructure in HPC*, 1-6.
"""

from __future__ import annotations

from numba import njit

rule = njit(cache=True, _nrt=False, forceinline=True)  # type: ignore[call-overload]  # no _nrt in the stubs
"""Decorator for a rule and for the loop that runs it for everyone: compiled, cached, no runtime,
inlined."""

__all__ = ["rule"]
