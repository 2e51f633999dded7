"""`manage.py runbot`: the Telegram bot, started inside the intake's Django project.

The bot reads and writes the officers' tables (enrolment, notifications) with
the intake's own models, so it runs as a management command: Django is set up
the one usual way, and the bot needs no data API of its own.
"""
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Start the Telegram bot (polling, or webhook when SIGNAAL_TELEGRAM_WEBHOOK_URL is set)."

    def handle(self, *args, **options):
        from bot.main import main

        main()
