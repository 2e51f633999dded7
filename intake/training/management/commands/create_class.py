"""manage.py create_class --name NAME: a trainers' class with a new join code (make class NAME=...)."""
from django.core.management.base import BaseCommand

from intake.training.classes import create_class


class Command(BaseCommand):
    help = "Maak een klas met aanmeldcode / create a class with a join code"

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True)

    def handle(self, *args, name, **options):
        training_class = create_class(name)
        self.stdout.write(f"klas / class: {training_class.name}")
        self.stdout.write(f"in de chat / in the chat: klas {training_class.join_code}")
        self.stdout.write(training_class.join_code)
