"""newsmon's Scrapy project: spiders, pipelines, middlewares, extraction."""
