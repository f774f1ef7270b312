"""The signed-in user's profile and password."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel, QLineEdit

from billing_desktop.ui.forms import password_edit
from billing_desktop.ui.i18n import tr
from billing_desktop.ui.task_dialog import TaskDialog


class ProfileDialog(TaskDialog):
    ok_text = QT_TRANSLATE_NOOP("", "Save")

    def __init__(self, services, session, profile, parent=None):
        super().__init__("My profile", parent)
        self.services, self.session = services, session
        f = self.form
        f.add("email", self.tr("Email:"), QLabel(profile.email))
        f.add("role", self.tr("Role:"), QLabel(profile.role.capitalize()))
        self.first_name = f.add("first_name", self.tr("&First name:"), QLineEdit(profile.first_name))
        self.last_name = f.add("last_name", self.tr("&Last name:"), QLineEdit(profile.last_name))
        self.setMinimumWidth(420)

    def work(self):
        return self.services.auth.update_profile, (self.session, self.first_name.text(), self.last_name.text())


class ChangePasswordDialog(TaskDialog):
    ok_text = QT_TRANSLATE_NOOP("", "Change password")

    def __init__(self, services, session, parent=None):
        super().__init__(tr("Change password"), parent, intro=tr("At least 12 characters, and not your email address."))
        self.services, self.session = services, session
        f = self.form
        self.old = f.add("old_password", self.tr("&Current password:"), password_edit())
        self.new = f.add("new_password", self.tr("&New password:"), password_edit())
        self.repeat = f.add("repeat", self.tr("&Repeat new password:"), password_edit())
        self.setMinimumWidth(420)

    def validate_locally(self):
        return {"repeat": self.tr("The two passwords differ.")} if self.new.text() != self.repeat.text() else {}

    def work(self):
        return self.services.auth.change_password, (self.session, self.old.text(), self.new.text())
