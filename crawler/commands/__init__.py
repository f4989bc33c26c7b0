"""Project commands for ``scrapy`` (``COMMANDS_MODULE``): ``crawl`` checks spider arguments."""
