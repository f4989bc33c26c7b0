"""The feed library: parse RSS/Atom/RDF/JSON Feed/sitemaps, canonicalise URLs, discover feeds,
read and write OPML and seed files. Pure Python over bytes and strings: no Scrapy, no database.
"""
