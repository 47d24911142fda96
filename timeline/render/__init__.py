"""Events (+ articles) → site/: Jinja2 pages, static assets, exports; written to a staging folder and swapped in."""

from .site import render_site

__all__ = ["render_site"]
