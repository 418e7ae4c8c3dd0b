"""The browser app: explore scenarios, compare them on common seeds, and follow lessons.

The app is thin on purpose. The model, its parameter table and its metrics live in
:mod:`orglearn.simulation` and :mod:`orglearn.scenarios`; this package only portrays them
(:mod:`.portrayal`, :mod:`.charts`), lays out the page (:mod:`.components`) and reads the text
people see from data files (:mod:`.text`, ``i18n/`` and ``lessons/``), in English and Dutch.

Nothing here is imported by the command line until ``orglearn app`` runs, because Solara and
its widgets take seconds to import.
"""

from orglearn import check_import_name

check_import_name(__name__, "orglearn.app")
