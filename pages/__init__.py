"""Per-page work outside Scrapy: article extraction (``pages.article``) and the extract ->
language -> enrich step for one page (``pages.process``), shared by the crawler's worker pool
and ``newsmon reenrich``.
"""
