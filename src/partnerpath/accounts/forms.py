"""Forms of the accounts app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.exceptions import PermissionDenied

from partnerpath.accounts import services
from partnerpath.accounts.choices import Role
from partnerpath.accounts.models import User


class ThrottledLoginForm(AuthenticationForm):
    """Sign-in that says plainly when an account is locked after repeated failures."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": (
            "Too many failed attempts for this username. Wait %(minutes)s minutes and try again."
        ),
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        ip = services.client_ip(self.request)
        if username and services.is_locked_out(username, ip):
            self._locked()
        try:
            data = super().clean()
        except PermissionDenied:
            self._locked()
        services.clear_login_failures(username)
        return data

    def _locked(self) -> None:
        from django.conf import settings

        raise forms.ValidationError(
            self.error_messages["locked"],
            code="locked",
            params={"minutes": settings.LOGIN_LOCKOUT_MINUTES},
        )


class InviteForm(forms.Form):
    """Invite someone by e-mail with a role."""

    email = forms.EmailField(label="E-mail address")
    role = forms.ChoiceField(choices=Role.choices, initial=Role.MEMBER)


class RoleForm(forms.Form):
    """Change a member's role."""

    role = forms.ChoiceField(choices=Role.choices)


class SignUpForm(UserCreationForm):  # type: ignore[type-arg]
    """Create an account while accepting an invitation."""

    class Meta:
        model = User
        fields = ("username", "first_name", "last_name", "email")
