from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from network import permissions
from network.models import Department, Invitation, Region, User
from network.search import search_index, search_index_many


class NetworkAdminAccess:
    """Network admins manage the network's data without being Django superusers."""

    def has_module_permission(self, request):
        return permissions.can_use_admin_site(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_use_admin_site(request.user)

    def has_add_permission(self, request, obj=None):
        return permissions.can_use_admin_site(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.can_use_admin_site(request.user)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Region)
class RegionAdmin(NetworkAdminAccess, admin.ModelAdmin):
    list_display = ["code", "name_fi", "name_sv", "name_en"]
    search_fields = ["code", "name_fi", "name_sv", "name_en"]


@admin.register(Department)
class DepartmentAdmin(NetworkAdminAccess, admin.ModelAdmin):
    list_display = ["name_fi", "region", "is_active", "email", "phone"]
    list_filter = ["is_active", "region"]
    search_fields = ["name_fi", "name_sv", "name_en", "slug"]
    list_select_related = ["region"]
    filter_horizontal = ["other_regions"]
    prepopulated_fields = {"slug": ["name_fi"]}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Its people are found by the department's name too.
        search_index("department", obj.pk)
        search_index_many("person", obj.people.values_list("pk", flat=True))


@admin.register(User)
class UserAdmin(NetworkAdminAccess, DjangoUserAdmin):
    ordering = ["last_name", "first_name"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "department",
        "department_role",
        "is_staff",
        "is_active",
    ]
    list_filter = ["is_active", "is_staff", "department_role", "department__region"]
    list_select_related = ["department"]
    search_fields = ["email", "first_name", "last_name", "title"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "title", "phone", "language"]}),
        (_("Network"), {"fields": ["department", "department_role", "roles"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["email", "first_name", "last_name", "password1", "password2"]}),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        search_index("person", obj.pk)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields.append("is_superuser")  # only a superuser makes another
        return fields


@admin.register(Invitation)
class InvitationAdmin(NetworkAdminAccess, admin.ModelAdmin):
    list_display = ["user", "invited_by", "created_at", "expires_at", "accepted_at", "revoked_at"]
    list_select_related = ["user", "invited_by"]
    readonly_fields = [
        "user",
        "invited_by",
        "token_hash",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]

    def has_add_permission(self, request, obj=None):
        return False  # invitations are sent from the directory, which e-mails the link
