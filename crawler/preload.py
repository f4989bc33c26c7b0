"""Imported once by the extraction pool's fork server; workers fork from it.

Everything loaded here (trafilatura, lxml, langdetect's profiles, the company gazetteer, the FX
table) is shared copy-on-write by every worker. ``gc.freeze()`` keeps the collector from touching
those objects, which would otherwise copy their pages into each worker over time.
"""

import gc

from pages.process import warm_up

warm_up()
gc.collect()
gc.freeze()
