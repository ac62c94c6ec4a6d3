"""URLs of sign-in, passwords, team and invitations."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from partnerpath.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/form_page.html",
            success_url=reverse_lazy("accounts:password_change_done"),
            extra_context={"title": "Change your password"},
        ),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/message.html",
            extra_context={"title": "Password changed", "text": "Your password was changed."},
        ),
        name="password_change_done",
    ),
    path(
        "reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/form_page.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
            extra_context={"title": "Reset your password"},
        ),
        name="password_reset",
    ),
    path(
        "reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="accounts/message.html",
            extra_context={
                "title": "Check your e-mail",
                "text": "If an account uses that address, we sent it a link to set a new password.",
            },
        ),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/form_page.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
            extra_context={"title": "Choose a new password"},
        ),
        name="password_reset_confirm",
    ),
    path(
        "reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/message.html",
            extra_context={
                "title": "Password set",
                "text": "Your new password is set. You can log in now.",
            },
        ),
        name="password_reset_complete",
    ),
    path("invitations/", views.invitation_accept, {"token": ""}, name="invitation_accept_base"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("p/<slug:programme>/team/", views.members, name="members"),
    path("p/<slug:programme>/settings/", views.programme_settings, name="programme_settings"),
    path("p/<slug:programme>/team/invite/", views.invite, name="invite"),
    path(
        "p/<slug:programme>/team/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("p/<slug:programme>/team/<int:pk>/role/", views.member_role, name="member_role"),
    path("p/<slug:programme>/team/<int:pk>/remove/", views.member_remove, name="member_remove"),
]
