"""Log lines that name an item without dumping page bodies or article texts."""

from __future__ import annotations

import logging

from scrapy.logformatter import LogFormatter


def describe(item) -> str:
    for attr in ("canonical_url", "url"):
        value = getattr(item, attr, None)
        if value:
            return f"{type(item).__name__} {value}"
    return type(item).__name__


class BriefLogFormatter(LogFormatter):
    def scraped(self, item, response, spider):
        return {"level": logging.DEBUG, "msg": "stored %(item)s", "args": {"item": describe(item)}}

    def dropped(self, item, exception, response, spider):
        return {"level": logging.INFO, "msg": "dropped %(item)s: %(exception)s",
                "args": {"item": describe(item), "exception": exception}}

    def item_error(self, item, exception, response, spider):
        return {"level": logging.ERROR, "msg": "error processing %(item)s",
                "args": {"item": describe(item)}}
