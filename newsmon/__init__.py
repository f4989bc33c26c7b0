"""newsmon command-line interface, demo and daemon."""

from newsmon.defaults import VERSION as __version__

__all__ = ["__version__"]
