"""Rasa input channels of Signaal (loaded by module path from credentials.yml)."""
