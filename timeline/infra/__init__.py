"""What every stage stands on: atomic writes, the build lock, the worker pool, the build
database, and the check that an output folder is the build's to replace."""
