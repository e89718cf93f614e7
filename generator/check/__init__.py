"""Checking: each module holds one family of rules, and each rule returns problems.

``run`` loads and checks a whole portal (or a pull request's changes); ``item``
turns one file into an ``Item``; the other modules are the rules.
"""
