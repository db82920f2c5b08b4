"""python -m convert: the same as the accessconvert command."""

from convert.cli import entry

entry()
