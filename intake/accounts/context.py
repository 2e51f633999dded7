"""Puts the signed-in user's role in every template (for the menu)."""
from intake.accounts.roles import role_of


def role(request):
    return {"role": role_of(getattr(request, "user", None))}
