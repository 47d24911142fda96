"""Rebuilds after a few articles changed that touch only what those articles touch (see update.py)."""

from .record import FullBuild, record_full_build, refresh_state
from .state import forget_state, state_file
from .update import Delta, rebuild, state_meta

__all__ = ["Delta", "FullBuild", "forget_state", "rebuild", "record_full_build", "refresh_state", "state_file", "state_meta"]
