"""Signaal's shared core: pure Python used by both runtimes.

Imported by the Rasa action server (Python 3.10) and by the web application
and Telegram bot (Python 3.12), so it must stay compatible with 3.10 and must
not import Rasa, Django or telegram.
"""
