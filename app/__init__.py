"""The browser app: explore scenarios, compare them on common seeds, and follow lessons.

The app is thin on purpose. The model, its parameter table and its metrics live in
:mod:`orglearn.simulation` and :mod:`orglearn.scenarios`; this package only portrays them
(:mod:`.portrayal`, :mod:`.charts`), lays out the page (:mod:`.components`) and reads the text
people see from data files (:mod:`.text`, ``i18n/`` and ``lessons/``), in English and Dutch.

Nothing here is imported by the command line until ``orglearn app`` runs, because Solara and
its widgets take seconds to import.

The page is drawn with reacton's faster renderer (``REACTON_FAST=1``, reacton 1.11: off by
default there, and run against reacton's whole test suite beside the default one), which on a
Step walks only the parts of the page whose state changed (about 110 elements and 29 widget
updates at 1,000 people, against 378 and 190) instead of the whole page. Measured in Chromium
from a click on Step to the new frame, in turns on a quiet machine: 129-133 ms against 146-147
at 60 people, 134-139 against 149-156 at 1,000. ``REACTON_FAST=0`` in the environment brings
back the default renderer.
"""

import os

from orglearn import check_import_name

check_import_name(__name__, "orglearn.app")
os.environ.setdefault("REACTON_FAST", "1")  # read by reacton at every render, not at import
