"""Register a tenant; add a user to a tenant."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QLineEdit

from billing_desktop.domain.validation import Mode, Tier, slugify
from billing_desktop.services.tenants import Registration
from billing_desktop.ui.forms import password_edit
from billing_desktop.ui.i18n import tr
from billing_desktop.ui.task_dialog import TaskDialog


def choice_box(values) -> QComboBox:
    box = QComboBox()
    for v in values:
        box.addItem(v.value.capitalize(), v.value)
    return box


class RegisterTenantDialog(TaskDialog):
    ok_text = QT_TRANSLATE_NOOP("", "Register")

    def __init__(self, services, session, parent=None):
        super().__init__(
            tr("Register tenant"),
            parent,
            intro=tr("Creates the tenant, its owner account and (in one transaction) everything it needs."),
        )
        self.services, self.session = services, session
        f = self.form
        self.company = f.add("company_name", self.tr("&Company name:"), QLineEdit())
        self.slug = f.add(
            "slug",
            self.tr("S&lug:"),
            QLineEdit(),
            hint=self.tr("Made from the name (a number is added if it is taken); edit it to choose your own."),
        )
        self.slug_edited = False  # once the operator types a slug, the name no longer changes it
        self.slug.textEdited.connect(lambda text: setattr(self, "slug_edited", bool(text)))
        self.company.textChanged.connect(self._propose_slug)
        self.email = f.add("email", self.tr("Owner &email:"), QLineEdit())
        self.first_name = f.add("first_name", self.tr("&First name:"), QLineEdit())
        self.last_name = f.add("last_name", self.tr("&Last name:"), QLineEdit())
        self.password = f.add("password", self.tr("Owner &password:"), password_edit(self.tr("at least 12 characters")))
        self.repeat = f.add("repeat", self.tr("&Repeat password:"), password_edit())
        self.domain = f.add("domain", self.tr("&Domain:"), QLineEdit())
        self.domain.setPlaceholderText(self.tr("example.com"))
        self.tier = f.add("tier", self.tr("&Tier:"), choice_box(Tier))
        self.mode = f.add("mode", self.tr("&Mode:"), choice_box(Mode))
        self.fee = f.add("platform_fee_percent", self.tr("Platform &fee %:"), QLineEdit("0"))
        self.setMinimumWidth(480)
        self.company.setFocus()

    def _propose_slug(self, name: str) -> None:
        if not self.slug_edited:
            self.slug.setText(slugify(name) if name.strip() else "")

    def validate_locally(self):
        return {"repeat": self.tr("The two passwords differ.")} if self.password.text() != self.repeat.text() else {}

    def work(self):
        r = Registration(
            self.company.text(),
            self.email.text(),
            self.password.text(),
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            domain=self.domain.text(),
            tier=self.tier.currentData(),
            mode=self.mode.currentData(),
            platform_fee_percent=self.fee.text(),
            slug=self.slug.text().strip() if self.slug_edited else "",
        )
        return self.services.tenants.register, (self.session, r)


class AddUserDialog(TaskDialog):
    ok_text = QT_TRANSLATE_NOOP("", "Add user")

    def __init__(self, services, session, tenant_id: int, tenant_name: str, parent=None):
        super().__init__(
            tr("Add user to {0}").format(tenant_name),
            parent,
            intro=tr(
                "Owner: everything for the tenant. Admin: view keys, configure and test webhooks, "
                "view Stripe status. Developer: read-only."
            ),
        )
        self.services, self.session, self.tenant_id = services, session, tenant_id
        f = self.form
        self.email = f.add("email", self.tr("&Email:"), QLineEdit())
        self.first_name = f.add("first_name", self.tr("&First name:"), QLineEdit())
        self.last_name = f.add("last_name", self.tr("&Last name:"), QLineEdit())
        self.role = f.add("role", self.tr("&Role:"), QComboBox())
        for role in ("developer", "admin", "owner"):
            self.role.addItem(role.capitalize(), role)
        self.password = f.add("password", self.tr("&Password:"), password_edit(self.tr("at least 12 characters")))
        self.setMinimumWidth(460)

    def work(self):
        return self.services.users.add, (
            self.session,
            self.tenant_id,
            self.email.text(),
            self.password.text(),
            self.role.currentData(),
            self.first_name.text(),
            self.last_name.text(),
        )
