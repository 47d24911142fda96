"""Events (+ articles) → site/: Jinja2 pages, static assets, exports; written to a staging folder
and swapped in."""

from .delta import SiteChanges, update_site
from .site import SiteRender, render_site

__all__ = ["SiteChanges", "SiteRender", "render_site", "update_site"]
