"""data/events.yaml: the reviewed, correctable record of events between extraction and rendering."""

from .reconcile import Reconciled, reconcile
from .yaml_store import (
    SCHEMA_VERSION,
    ChunkCache,
    Loaded,
    Snapshot,
    dump_events,
    event_from_dict,
    event_sort_key,
    event_to_dict,
    live_events,
    load_all,
    load_events,
    load_snapshot,
    read_store,
    save_events,
    save_snapshot,
    snapshot_exists,
    snapshot_path,
)

__all__ = [
    "SCHEMA_VERSION",
    "ChunkCache",
    "Loaded",
    "Reconciled",
    "Snapshot",
    "dump_events",
    "event_from_dict",
    "event_sort_key",
    "event_to_dict",
    "live_events",
    "load_all",
    "load_events",
    "load_snapshot",
    "read_store",
    "reconcile",
    "save_events",
    "save_snapshot",
    "snapshot_exists",
    "snapshot_path",
]
