"""``nianbao user add|list``: the first administrator from the command line, the password from standard input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from assistant.accounts import Accounts
from assistant.cli import main
from assistant.store import Store


@pytest.fixture()
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cli.db"
    monkeypatch.setenv("NIANBAO_DB", str(path))
    return path


def _add(monkeypatch: pytest.MonkeyPatch, password: str, *argv: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return main(["user", "add", *argv])


def test_the_first_administrator_signs_in_with_the_password_piped_in(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add(monkeypatch, "admin-password-1", "王五", "--role", "管理员") == 0
    assert "已新建账户 王五（管理员）" in capsys.readouterr().err
    signed = Accounts(Store(db)).sign_in("王五", "admin-password-1")
    assert signed.user is not None and signed.user.role == "管理员"


def test_a_clerk_is_bound_to_named_units_and_listed(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    unit = Store(db).add_unit("青石岭镇")
    assert _add(monkeypatch, "clerk-password-1", "张三", "--role", "起草人", "--unit", "青石岭镇") == 0
    assert _add(monkeypatch, "clerk-password-1", "李四", "--role", "起草人", "--unit", "白沙乡") == 2
    assert _add(monkeypatch, "short", "赵六", "--role", "审核人") == 2
    err = capsys.readouterr().err
    assert "没有这些单位：白沙乡" in err and "密码至少 8 位" in err
    (record,) = Store(db).user_records()
    assert record.unit_ids == {unit.id}
    assert main(["user", "list"]) == 0
    assert capsys.readouterr().out == "张三\t起草人\t青石岭镇\n"
