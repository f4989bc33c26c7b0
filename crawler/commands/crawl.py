"""``scrapy crawl``, refusing bad ``-a`` arguments of the feeds spider before anything starts.

The spider checks its arguments too; checking them here turns a bad URL into Scrapy's usage
error (one message, exit code 2) instead of a failed start with a traceback.
"""

from __future__ import annotations

from scrapy.commands.crawl import Command as ScrapyCrawl

from crawler.spiders.feeds import FeedsSpider, feed_url_list, flag


class Command(ScrapyCrawl):
    def process_options(self, args, opts):
        super().process_options(args, opts)
        if args and args[0] == FeedsSpider.name:
            feed_url_list(opts.spargs.get("urls"))
            flag("all", opts.spargs.get("all"))
