"""Building a site: the atomic swap now; caching and parallel builds come here."""
