"""Imported once by the extraction pool's fork server; workers fork from it.

The fork server dies with the crawl that started it (``crawler.lifeline``), even after a
``kill -9``.

Everything loaded here (trafilatura, lxml, langdetect's profiles, the company gazetteer, the FX
table) is shared copy-on-write by every worker. ``gc.freeze()`` keeps the collector from touching
those objects, which would otherwise copy their pages into each worker over time.
"""

import gc
import os

from crawler.lifeline import die_with_parent
from pages.process import warm_up

die_with_parent(os.getppid())

warm_up()
gc.collect()
gc.freeze()
