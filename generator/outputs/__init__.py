"""Files the build writes that are not portal pages, one module each: documentation from
the catalogue, CODEOWNERS, the sitemap, the Atom feeds, the machine-readable catalogue
(records, catalogue.json, catalogue.csv, its schema) and the OpenSearch description."""
