"""`make enrolment-code`: a one-time officer enrolment code, printed as the last line."""
import os

from django.core.management.base import BaseCommand, CommandError

from intake.officers.services import create_enrolment_code


class Command(BaseCommand):
    help = "Maakt een eenmalige aanmeldcode voor een agent / Creates a one-time officer enrolment code."

    def add_arguments(self, parser):
        parser.add_argument("--ttl-hours", type=float, default=24.0, help="geldigheid in uren / hours valid")

    def handle(self, *args, **options):
        ttl = options["ttl_hours"]
        if ttl <= 0:
            raise CommandError("--ttl-hours moet positief zijn / must be positive")
        code = create_enrolment_code(ttl_hours=ttl)
        self.stdout.write(
            f"Eenmalige aanmeldcode, {ttl:g} uur geldig. Stuur de bot: /start <code>\n"
            f"One-time enrolment code, valid {ttl:g} hours. Send the bot: /start <code>"
        )
        username = os.environ.get("TELEGRAM_BOT_USERNAME", "").lstrip("@").strip()
        if username:
            self.stdout.write(f"https://t.me/{username}?start={code}")
        self.stdout.write(code)
