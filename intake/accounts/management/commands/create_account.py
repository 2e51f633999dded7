"""Creates or renews a staff account: a new web password and a new API token.

The token is the last line of the output, so `make supervisor NAME=…` can be
piped into scripts. Renewing revokes the account's earlier tokens.
"""
from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from intake.accounts.models import Account
from intake.accounts.roles import ADMIN, ROLES
from intake.accounts.tokens import issue_token
from intake.audit.record import record_event


class Command(BaseCommand):
    help = "Maakt of vernieuwt een account / creates or renews an account (prints the API token last)."

    def add_arguments(self, parser):
        parser.add_argument("--role", required=True, choices=ROLES)
        parser.add_argument("--name", required=True, help="gebruikersnaam / username")

    def handle(self, *args, role: str, name: str, **options):
        name = name.strip()
        if not name or len(name) > 150 or any(ch.isspace() for ch in name):
            raise CommandError("Naam ongeldig (geen spaties, max. 150 tekens) / invalid name")
        # `make supervisor` may come before the first `make run`: bring the database up to date.
        call_command("migrate", interactive=False, verbosity=0)
        password = secrets.token_urlsafe(15)
        with transaction.atomic():
            user, created = get_user_model().objects.get_or_create(username=name)
            user.set_password(password)
            user.is_active = True
            # Admins use Django's admin for accounts and tokens; others never do.
            user.is_staff = user.is_superuser = role == ADMIN
            user.save()
            account, _ = Account.objects.update_or_create(user=user, defaults={"role": role})
            token = issue_token(account)
            record_event(
                None,
                "account.created" if created else "account.renewed",
                details={"username": name, "role": role},
                actor="create_account",
            )
        verb = "aangemaakt / created" if created else "vernieuwd / renewed"
        self.stdout.write(f"Account {name} ({role}) {verb}.")
        self.stdout.write(f"Wachtwoord voor de weblogin / web login password: {password}")
        self.stdout.write("API-token (eerdere tokens ingetrokken / earlier tokens revoked):")
        self.stdout.write(token)
