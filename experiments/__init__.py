"""Experiments: many runs of the model, over parameters and seeds, that never lose a result.

A sweep is declared once (:mod:`.spec`, read by :mod:`.source`, with :mod:`.factors` for what
varies), laid out as design points (:mod:`.design`: a grid, or Latin hypercube, Sobol and Morris
samples) and run as (parameters, seed) pairs (:mod:`.task`, seeds from :mod:`.seeds`; each
model's headless run in :mod:`.models`, chosen by the base scenario's model) on an executor that
may be this process, a local process pool or a Dask cluster (:mod:`.executors`). :mod:`.runner`
streams the finished runs into an append-only Parquet store (:mod:`.records`, :mod:`.store`),
from which a sweep can be resumed at any moment. The analysis reads only that folder
(:mod:`.results`): summaries with confidence intervals (:mod:`.summarize`, :mod:`.stats`),
time-series plots (:mod:`.plot`), plots of each run's outcome against a parameter
(:mod:`.response`) and sensitivity indices (:mod:`.sensitivity`).

The command line (``orglearn sweep``, ``summarize``, ``plot``, ``sensitivity``, ``export``)
imports these modules only when a command runs. Example experiment files sit next to this file.
"""

from orglearn import check_import_name

check_import_name(__name__, "orglearn.experiments")
