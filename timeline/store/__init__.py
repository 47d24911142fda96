"""data/events.yaml: the reviewed, correctable record of events between extraction and rendering."""

from .reconcile import Reconciled, reconcile
from .yaml_store import (
    SCHEMA_VERSION,
    dump_events,
    event_from_dict,
    event_to_dict,
    live_events,
    load_all,
    load_events,
    save_events,
    snapshot_path,
)

__all__ = ["SCHEMA_VERSION", "Reconciled", "dump_events", "event_from_dict", "event_to_dict", "live_events", "load_all",
           "load_events", "reconcile", "save_events", "snapshot_path"]
