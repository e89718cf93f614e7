"""An item body: its relative links, its HTML as the portal renders it, and the sanitiser."""
