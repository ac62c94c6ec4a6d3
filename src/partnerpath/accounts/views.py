"""Sign-in, team management and invitations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from partnerpath.accounts import services
from partnerpath.accounts.access import programme_access
from partnerpath.accounts.forms import (
    InviteForm,
    ProgrammeSettingsForm,
    RoleForm,
    SignUpForm,
    ThrottledLoginForm,
)
from partnerpath.accounts.models import Invitation, Membership
from partnerpath.audit.services import history_of
from partnerpath.formtools import error_summary


class LoginView(auth_views.LoginView):
    """Django's sign-in page with throttling."""

    form_class = ThrottledLoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_required
def members(request: HttpRequest, programme: str) -> HttpResponse:
    """The programme's team with roles; admins invite people and change roles here."""
    access = programme_access(request, programme)
    team = (
        Membership.objects.filter(programme=access.programme)
        .select_related("user")
        .order_by("user__username")
    )
    invitations = (
        Invitation.objects.filter(
            programme=access.programme, accepted_at__isnull=True, revoked_at__isnull=True
        )
        if access.can_manage
        else Invitation.objects.none()
    )
    return TemplateResponse(
        request,
        "accounts/members.html",
        {
            "programme": access.programme,
            "access": access,
            "nav": "members",
            "team": team,
            "invitations": invitations,
            "invite_form": InviteForm() if access.can_manage else None,
            "role_form": RoleForm,
            "changes": history_of(*team)[:30] if access.can_manage else [],
        },
    )


@login_required
def programme_settings(request: HttpRequest, programme: str) -> HttpResponse:
    """The programme's name, description and how long without contact puts an organisation on
    the dashboard; admins only, every change in the history."""
    from urllib.parse import urlencode

    from partnerpath.registry import history

    access = programme_access(request, programme, "manage")
    form = ProgrammeSettingsForm(request.POST or None, instance=access.programme)
    if request.method == "POST" and form.is_valid():
        services.save_programme_settings(form)
        messages.success(request, "Programme settings saved.")
        return redirect("accounts:programme_settings", programme)
    return TemplateResponse(
        request,
        "accounts/programme_settings.html",
        {
            "programme": access.programme,
            "access": access,
            "nav": "members",
            "form": form,
            "changes": history_of(access.programme)[: history.ON_A_PAGE],
            "history_query": urlencode({"kind": "accounts.programme"}),
        },
    )


@login_required
@require_POST
def invite(request: HttpRequest, programme: str) -> HttpResponse:
    """Send an invitation by e-mail."""
    access = programme_access(request, programme, "manage")
    form = InviteForm(request.POST)
    if form.is_valid():
        base = request.build_absolute_uri(reverse("accounts:invitation_accept_base"))
        services.invite(
            access.programme,
            form.cleaned_data["email"],
            form.cleaned_data["role"],
            request.user,  # type: ignore[arg-type]
            base,
        )
        messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
    else:
        messages.error(request, "Not sent: " + error_summary(form))
    return redirect("accounts:members", programme)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Stop an invitation from working."""
    access = programme_access(request, programme, "manage")
    services.revoke_invitation(get_object_or_404(Invitation, pk=pk, programme=access.programme))
    messages.success(request, "Invitation revoked.")
    return redirect("accounts:members", programme)


@login_required
@require_POST
def member_role(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Change a member's role."""
    access = programme_access(request, programme, "manage")
    membership = get_object_or_404(Membership, pk=pk, programme=access.programme)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            services.change_role(membership, form.cleaned_data["role"])
            messages.success(request, f"{membership.user} is now {membership.get_role_display()}.")
        except services.LastAdminError as exc:
            messages.error(request, str(exc))
    return redirect("accounts:members", programme)


@login_required
@require_POST
def member_remove(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Take a member out of the programme."""
    access = programme_access(request, programme, "manage")
    membership = get_object_or_404(Membership, pk=pk, programme=access.programme)
    try:
        services.remove_member(membership)
        messages.success(request, f"{membership.user} was removed from the programme.")
    except services.LastAdminError as exc:
        messages.error(request, str(exc))
    return redirect("accounts:members", programme)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Accept an invitation: signed-in users join at once; others create an account first."""
    invitation = Invitation.objects.select_related("programme").filter(token=token).first()
    if invitation is None or not invitation.is_usable:
        return TemplateResponse(request, "accounts/invitation_invalid.html", status=404)
    form = None
    if request.user.is_authenticated:
        if request.method == "POST":
            return _join(request, invitation, request.user)
    else:
        form = SignUpForm(request.POST or None, initial={"email": invitation.email})
        if request.method == "POST" and form.is_valid():
            user = form.save()
            login(request, user, backend="partnerpath.accounts.backends.ThrottledModelBackend")
            return _join(request, invitation, user)
    return TemplateResponse(
        request, "accounts/invitation_accept.html", {"invitation": invitation, "form": form}
    )


def _join(request: HttpRequest, invitation: Invitation, user: object) -> HttpResponse:
    try:
        services.accept_invitation(invitation, user)  # type: ignore[arg-type]
    except services.InvitationError as exc:
        messages.error(request, str(exc))
        return redirect("home")
    messages.success(request, f"Welcome to {invitation.programme.name}.")
    return redirect("engagement:dashboard", invitation.programme.slug)
