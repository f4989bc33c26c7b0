"""Pure enrichment: language, AI/deal tagging, deal extraction. No Scrapy, no database."""
