"""newsmon command-line interface, demo and daemon."""

__version__ = "0.1.0"
