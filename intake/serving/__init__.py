"""Serving the web application in production: one command that migrates and serves."""
