"""orglearn's benchmark suite: how fast the model runs, measured so that anyone can rerun it.

``orglearn bench`` measures, as medians of interleaved repetitions read on the wall clock and the
CPU clock, what a week costs per person for the array engine (with Mesa agents and headless) and
for the readable per-person step, how memory grows with people, how long the command line takes
to start, and how many runs a sweep gets through (orglearn's sweep, and ``mesa.batch_run`` over
the array engine and over the readable model). With ``--baseline`` (``python -m
orglearn.benchmarks``) it also times another checkout's engine in turns with this one. It prints
a table, checks the speed targets and writes everything to JSON, so results can be compared
between commits. See ``benchmarks/README.md``.

The machine it runs on is shared and noisy, so every target is a ratio of two things measured
side by side in the same run, never an absolute time.
"""

from orglearn import check_import_name

check_import_name(__name__, "orglearn.benchmarks")
