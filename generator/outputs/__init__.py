"""Files the build writes that are not portal pages: documentation from the catalogue,
CODEOWNERS, the sitemap. (Feeds and open-data exports come here, one module each.)"""
