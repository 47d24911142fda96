"""data/events.yaml: the reviewed, correctable record of events between extraction and rendering."""

from .yaml_store import SCHEMA_VERSION, dump_events, event_from_dict, event_to_dict, load_events, save_events

__all__ = ["SCHEMA_VERSION", "dump_events", "event_from_dict", "event_to_dict", "load_events", "save_events"]
