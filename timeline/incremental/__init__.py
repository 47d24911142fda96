"""Rebuilds after a few articles changed that touch only what those articles touch (see
update.py)."""

from ..errors import NotIncremental
from .published import Published
from .record import FullBuild, record_full_build, refresh_state
from .site_sync import forget_site_source, record_site_source, site_in_step
from .state import forget_state, recorded_inputs, state_file, why_extracted
from .update import Delta, rebuild, state_meta

__all__ = [
    "Delta",
    "FullBuild",
    "NotIncremental",
    "Published",
    "forget_site_source",
    "forget_state",
    "rebuild",
    "record_full_build",
    "record_site_source",
    "recorded_inputs",
    "refresh_state",
    "site_in_step",
    "state_file",
    "state_meta",
    "why_extracted",
]
