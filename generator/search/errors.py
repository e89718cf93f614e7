"""What goes wrong building the search index, said so that the person building knows what to do."""


class SearchError(Exception):
    """The search index could not be built; the message says what to do."""
