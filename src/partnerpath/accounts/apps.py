"""Accounts: users, programmes, roles and invitations."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "partnerpath.accounts"
    label = "accounts"
    verbose_name = "Accounts and programmes"

    def ready(self) -> None:
        from partnerpath.accounts import signals  # noqa: F401
