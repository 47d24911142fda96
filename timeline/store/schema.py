"""The events file's schema: its version and the key order of an event entry and of a source."""

SCHEMA_VERSION = 1
EVENT_KEYS = (
    "id",
    "date",
    "date_end",
    "precision",
    "date_source",
    "date_text",
    "title",
    "text",
    "actors",
    "places",
    "tags",
    "confidence",
    "salience",
    "lang",
    "sources",
)
SOURCE_KEYS = ("article", "quote", "start", "end", "date_text", "published")
