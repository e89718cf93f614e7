"""What the catalogue's declarations mean: field types, vocabularies, index numbers, dates.

Each field type is declared once (``types``): how a value is read, what the docs
call it and how the item template writes it.
"""
