"""Revoke an officer's access by pseudonym (also possible in the admin)."""
from django.core.management.base import BaseCommand, CommandError

from intake.officers.services import revoke


class Command(BaseCommand):
    help = "Trekt de toegang van een agent in / Revokes an officer's access."

    def add_arguments(self, parser):
        parser.add_argument("pseudonym")

    def handle(self, *args, **options):
        if not revoke(options["pseudonym"]):
            raise CommandError("geen actieve agent met dit pseudoniem / no active officer with this pseudonym")
        self.stdout.write("ingetrokken / revoked")
