"""Local development: debug on, e-mails printed in the console."""

from lms.settings.base import *  # noqa: F403

DEBUG = True
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
