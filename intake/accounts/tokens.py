"""Making and checking API bearer tokens."""
from __future__ import annotations

import hashlib
import secrets
from typing import Optional, Tuple

from django.utils import timezone

from intake.accounts.models import Account, ApiToken

TOKEN_PREFIX = "sgn_"


def hash_token(token: str) -> str:
    # Tokens carry 256 random bits, so a plain SHA-256 is enough (no slow hash needed).
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(account: Account, revoke_others: bool = True) -> str:
    """A new token for `account`; shown once, stored only as a hash."""
    if revoke_others:
        for earlier in account.tokens.filter(revoked_at__isnull=True):
            earlier.revoke()  # one save each, so each revocation is audited
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.create(account=account, token_hash=hash_token(token), prefix=token[:10])
    return token


def account_for_bearer(header: Optional[str]) -> Tuple[Optional[Account], Optional[ApiToken]]:
    """The active account behind an `Authorization: Bearer …` header, or (None, None)."""
    if not header or not header.startswith("Bearer "):
        return None, None
    token = header[len("Bearer "):].strip()
    if not token:
        return None, None
    api_token = (
        ApiToken.objects.select_related("account__user")
        .filter(token_hash=hash_token(token), revoked_at__isnull=True)
        .first()
    )
    if api_token is None or not api_token.account.user.is_active:
        return None, None
    ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
    return api_token.account, api_token
