from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from members.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "role", "is_active")
    list_filter = ("is_active", "profile__role")
    readonly_fields = ("is_staff", "is_superuser", "role", "last_login", "date_joined")
    search_fields = ("email", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Personal info", {"fields": ("first_name", "last_name")}),
        # Staff flags and groups follow the member's role, which is changed in the Wagtail admin
        # (members.roles.member_role_set); editing them here would let them disagree.
        ("Status", {"fields": ("is_active", "is_staff", "is_superuser", "role")}),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("profile")

    @admin.display(description="role", ordering="profile__role")
    def role(self, user: User) -> str:
        return user.profile.get_role_display()
