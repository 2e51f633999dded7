"""Puts the signed-in user's role in every template (for the menu)."""
from accounts.roles import role_of


def role(request):
    return {"role": role_of(getattr(request, "user", None))}
