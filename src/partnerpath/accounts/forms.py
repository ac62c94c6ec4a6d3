"""Forms of the accounts app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.exceptions import PermissionDenied

from partnerpath.accounts import services
from partnerpath.accounts.choices import Role
from partnerpath.accounts.models import Programme, User


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


class ProgrammeSettingsForm(forms.ModelForm):  # type: ignore[type-arg]
    """The programme's own settings, changed by its admins (each change in the history)."""

    class Meta:
        model = Programme
        fields = ["name", "description", "stale_after_days"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "stale_after_days": "The dashboard lists active organisations without an interaction "
            "for longer than this (1 to 3650 days). Anyone can look further back on the "
            "dashboard without changing this."
        }
