"""Reading the portal's files: bytes to text, YAML, front matter, catalogue/, content/, git.

Everything that touches the disk on the way in is here, and every mistake found
on the way becomes a ``path:line`` message, never a traceback.
"""
