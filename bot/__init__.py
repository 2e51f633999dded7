"""Signaal's Telegram front end: relays enrolled officers' messages to Rasa.

The bot keeps no dialogue state (Rasa holds it); it translates Telegram
updates into Rasa messages and back, and enforces who may talk.
"""
