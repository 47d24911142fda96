"""The commands beside `build` (check, tag, serve), each a thin layer over the library."""
