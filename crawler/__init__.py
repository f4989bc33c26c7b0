"""newsmon's Scrapy project: spiders, items, pipelines, middlewares, extensions, settings."""
