"""One-time links sent by e-mail: choosing one's password after an invitation, or after
"Mot de passe oublié ?".

Both are Django's password-reset tokens: a link stops working as soon as the password changes (or
the person logs in), and after its expiry: PASSWORD_RESET_TIMEOUT for a forgotten password,
ACCOUNT_INVITATION_TIMEOUT for an invitation (people may open their mail days later).
"""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class ExpiringTokenGenerator(PasswordResetTokenGenerator):
    """Django's token generator with its own salt and expiry setting."""

    timeout_setting = "PASSWORD_RESET_TIMEOUT"

    @property
    def timeout(self) -> int:
        return int(getattr(settings, self.timeout_setting))

    def check_token(self, user, token) -> bool:
        if not (user and token):
            return False
        try:
            ts_b36, _hash = token.split("-")
            timestamp = base36_to_int(ts_b36)
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        return self._num_seconds(self._now()) - timestamp <= self.timeout


class PasswordResetTokens(ExpiringTokenGenerator):
    key_salt = "lms.people.tokens.PasswordResetTokens"
    timeout_setting = "PASSWORD_RESET_TIMEOUT"


class InvitationTokens(ExpiringTokenGenerator):
    key_salt = "lms.people.tokens.InvitationTokens"
    timeout_setting = "ACCOUNT_INVITATION_TIMEOUT"


password_reset_tokens = PasswordResetTokens()
invitation_tokens = InvitationTokens()
