"""The store as one signed-in user may use it: reads limited to their units, writes refused or logged.

The pages work on this instead of the shared store when accounts are on, so a unit a clerk may not open is
simply not there: not in the unit list, not behind a URL's ``?unit=`` or ``?report=``, not in a tampered
session value. A write the user may not make raises :class:`~assistant.store.StoreError` (the pages already say
those in Chinese); one they may make is written to the audit log under their name.
"""

from __future__ import annotations

from assistant import accounts as acc
from assistant.accountstore import AuditEntry
from assistant.model import Figures, Report
from assistant.profile import UnitProfile
from assistant.store import (
    Approval,
    Decision,
    DraftKey,
    DraftVersion,
    ReportKey,
    Revision,
    Store,
    StoreError,
    Unit,
    UnitYear,
    Upload,
    UploadKey,
    now,
)


class GuardedStore(Store):
    """A store for one user. Built per request from the shared, already migrated store (no schema work)."""

    def __init__(self, base: Store, user: acc.User) -> None:
        self.__dict__.update(base.__dict__)  # the same file and settings; migration already done by base
        self.user = user

    # -- rules ------------------------------------------------------------------------------------
    def _refuse(self, what: str) -> StoreError:
        return StoreError(f"您（{self.user.name}，{self.user.role}）无权{what}。", hint_en=f"refused: {what}")

    def _edit(self, unit_id: int) -> None:
        if not acc.may_edit_unit(self.user, unit_id):
            unit = super().unit(unit_id)
            raise self._refuse(f"修改“{unit.name if unit else unit_id}”的数据")

    def _log(self, action: str, unit_id: int | None, year: int | None, detail: str = "") -> None:
        super().add_audit(AuditEntry(now(), self.user.name, action, unit_id, year, detail))

    # -- units ------------------------------------------------------------------------------------
    def units(self) -> list[Unit]:
        """The units this user may open."""
        return acc.visible_units(self.user, super().units())

    def unit(self, unit_id: int) -> Unit | None:
        """One unit, when this user may open it."""
        return super().unit(unit_id) if acc.may_open_unit(self.user, unit_id) else None

    def add_unit(self, name: str, full_name: str | None = None, level: str | None = None) -> Unit:
        """Create a unit (administrators only)."""
        if not acc.may_administer(self.user):
            raise self._refuse("新建单位")
        unit = super().add_unit(name, full_name, level)
        self._log("unit", unit.id, None, f"新建单位 {unit.name}")
        return unit

    def years(self, unit_id: int) -> list[int]:
        """Years with anything saved, for a unit this user may open."""
        return super().years(unit_id) if acc.may_open_unit(self.user, unit_id) else []

    def profile(self, unit_id: int) -> UnitProfile | None:
        """The unit's profile, when this user may open the unit."""
        return super().profile(unit_id) if acc.may_open_unit(self.user, unit_id) else None

    def save_profile(self, unit_id: int, profile: UnitProfile) -> None:
        """Store the unit's profile, when this user may edit the unit."""
        self._edit(unit_id)
        super().save_profile(unit_id, profile)
        self._log("profile", unit_id, None)

    # -- figures, notes, last year ----------------------------------------------------------------
    def figures_at(self, unit_id: int, year: int) -> tuple[Figures | None, int]:
        """A unit-year's figures and their version, when this user may open the unit."""
        return super().figures_at(unit_id, year) if acc.may_open_unit(self.user, unit_id) else (None, 0)

    def figures_version(self, unit_id: int, year: int) -> int:
        """The version of a unit-year's figures, when this user may open the unit (else 0)."""
        return super().figures_version(unit_id, year) if acc.may_open_unit(self.user, unit_id) else 0

    def _save_figures(self, unit_id: int, year: int, figures: Figures, expected: int | None) -> int | None:
        # Both public save paths (save_figures, save_figures_over) come through here.
        self._edit(unit_id)
        saved = super()._save_figures(unit_id, year, figures, expected)
        if saved is not None:
            self._log("figures", unit_id, year)
        return saved

    def notes(self, unit_id: int, year: int) -> str:
        """A unit-year's staff notes, when this user may open the unit."""
        return super().notes(unit_id, year) if acc.may_open_unit(self.user, unit_id) else ""

    def save_notes(self, unit_id: int, year: int, text: str) -> None:
        """Store a unit-year's staff notes, when this user may edit the unit."""
        self._edit(unit_id)
        super().save_notes(unit_id, year, text)
        self._log("notes", unit_id, year)

    def last_year(self, unit_id: int, year: int) -> tuple[str, Report] | None:
        """Last year's report for a unit-year, when this user may open the unit."""
        return super().last_year(unit_id, year) if acc.may_open_unit(self.user, unit_id) else None

    def save_last_year(self, unit_id: int, year: int, filename: str, report: Report) -> None:
        """Keep last year's report, when this user may edit the unit."""
        self._edit(unit_id)
        super().save_last_year(unit_id, year, filename, report)
        self._log("last-year", unit_id, year, filename)

    # -- drafts -----------------------------------------------------------------------------------
    def _save_draft(
        self, unit_id: int, year: int, report: Report, kind: str, expected: int | None
    ) -> DraftVersion | None:
        # Both public save paths (save_draft, save_draft_over) come through here.
        self._edit(unit_id)
        saved = super()._save_draft(unit_id, year, report, kind, expected)
        if saved is not None:
            self._log("draft", unit_id, year, f"第 {saved.version} 版（{kind}）")
        return saved

    def draft_versions(self, unit_id: int, year: int) -> list[tuple[int, str, str]]:
        """The versions of a unit-year's draft, when this user may open the unit."""
        return super().draft_versions(unit_id, year) if acc.may_open_unit(self.user, unit_id) else []

    def draft(self, unit_id: int, year: int, version: int | None = None) -> DraftVersion | None:
        """One version of a draft, when this user may open the unit."""
        return super().draft(unit_id, year, version) if acc.may_open_unit(self.user, unit_id) else None

    def latest_drafts(self) -> list[tuple[Unit, int, int, str]]:
        """The latest draft of every unit-year this user may open."""
        return [row for row in super().latest_drafts() if acc.may_open_unit(self.user, row[0].id)]

    # -- uploads and decisions --------------------------------------------------------------------
    def save_upload(self, key: UploadKey, name: str, report: Report, last: Report | None = None) -> None:
        """Store an uploaded report (reviewers and administrators)."""
        if not acc.may_open_report(self.user, key):
            raise self._refuse("上传待审核的报告")
        super().save_upload(key, name, report, last)
        self._log("upload", None, None, name)

    def uploads(self) -> list[tuple[UploadKey, str, str]]:
        """Uploaded reports, when this user may open them."""
        return [row for row in super().uploads() if acc.may_open_report(self.user, row[0])]

    def upload(self, key: UploadKey) -> Upload | None:
        """One uploaded report, when this user may open it."""
        return super().upload(key) if acc.may_open_report(self.user, key) else None

    def decide(
        self, report_key: ReportKey, flag_id: str, code: str, decision: str, comment: str = "", reviewer: str = ""
    ) -> Decision:
        """Record a decision under this user's name (reviewers and administrators, on reports they may open)."""
        del reviewer  # a decision is the signed-in user's, whatever name the page passed
        if not (acc.may_decide(self.user) and acc.may_open_report(self.user, report_key)):
            raise self._refuse("处理审核问题")
        done = super().decide(report_key, flag_id, code, decision, comment, self.user.name)
        self._log("decision", None, None, f"{report_key.text} {code} {decision}")
        return done

    def decisions(self, report_key: ReportKey) -> dict[str, Decision]:
        """The decisions in force on a report this user may open."""
        return super().decisions(report_key) if acc.may_open_report(self.user, report_key) else {}

    def history(self, report_key: ReportKey, flag_id: str) -> list[Decision]:
        """Every decision on one flag of a report this user may open."""
        return super().history(report_key, flag_id) if acc.may_open_report(self.user, report_key) else []

    # -- the county's view and the review loop -----------------------------------------------------
    def unit_years(self, year: int) -> list[UnitYear]:
        """The overview's rows: only the units this user may open."""
        return [row for row in super().unit_years(year) if acc.may_open_unit(self.user, row.unit.id)]

    def delete_last_year(self, unit_id: int, year: int) -> None:
        """Remove a unit's last-year report (those who may edit the unit)."""
        self._edit(unit_id)
        super().delete_last_year(unit_id, year)
        self._log("last-year", unit_id, year, "删除上年报告")

    def revise(self, report_key: ReportKey, flag_id: str, version: int, still_flagged: bool) -> bool:
        """Record a clerk's answer to a 需修改 on a draft this user may edit."""
        if not isinstance(report_key, DraftKey) or not acc.may_edit_unit(self.user, report_key.unit_id):
            raise self._refuse("修改该报告")
        return super().revise(report_key, flag_id, version, still_flagged)

    def revisions(self, report_key: ReportKey) -> dict[str, Revision]:
        """The clerk's answers on a report this user may open."""
        return super().revisions(report_key) if acc.may_open_report(self.user, report_key) else {}

    def approve(self, unit_id: int, year: int, version: int, reviewer: str) -> Approval:
        """Pass a draft under this user's name (reviewers and administrators, on units they may open)."""
        del reviewer  # an approval is the signed-in user's
        if not (acc.may_decide(self.user) and acc.may_open_unit(self.user, unit_id)):
            raise self._refuse("审核通过")
        done = super().approve(unit_id, year, version, self.user.name)
        self._log("approval", unit_id, year, f"通过第 {version} 版")
        return done

    def withdraw_approval(self, unit_id: int, year: int) -> None:
        """Withdraw a pass (reviewers and administrators)."""
        if not (acc.may_decide(self.user) and acc.may_open_unit(self.user, unit_id)):
            raise self._refuse("撤回审核通过")
        super().withdraw_approval(unit_id, year)
        self._log("approval", unit_id, year, "撤回通过")

    def approval(self, unit_id: int, year: int) -> Approval | None:
        """A unit-year's pass, when this user may open the unit."""
        return super().approval(unit_id, year) if acc.may_open_unit(self.user, unit_id) else None
