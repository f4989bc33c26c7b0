"""Spiders of the newsmon project."""
