"""Custom Rasa NLU components for Signaal."""
