"""assistant.accounts: password hashing, lock-out, session expiry and the pure rules of who may do what."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import accounts as acc
from assistant.store import DraftKey, Store, Unit, UploadKey


class Clock:
    """Epoch seconds that a test moves on by hand."""

    def __init__(self) -> None:
        self.t = 1_700_000_000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "a.db")


@pytest.fixture()
def clock() -> Clock:
    return Clock()


@pytest.fixture()
def accounts(store: Store, clock: Clock) -> acc.Accounts:
    return acc.Accounts(store, idle_minutes=30, clock=clock)


def test_passwords_are_argon2_hashes_salted_and_verified() -> None:
    first, second = acc.hash_password("正确的密码123"), acc.hash_password("正确的密码123")
    assert first.startswith("$argon2id$") and first != second and "正确的密码123" not in first
    assert acc.verify_password(first, "正确的密码123")
    assert not acc.verify_password(first, "正确的密码124")
    assert not acc.verify_password("not-a-hash", "正确的密码123")


CLERK = acc.User(1, "张三", acc.CLERK, frozenset({10}))
REVIEWER = acc.User(2, "李四", acc.REVIEWER, frozenset())
ADMIN = acc.User(3, "王五", acc.ADMIN, frozenset())


def test_a_clerk_opens_and_edits_only_their_units() -> None:
    assert acc.may_open_unit(CLERK, 10) and acc.may_edit_unit(CLERK, 10)
    assert not acc.may_open_unit(CLERK, 11) and not acc.may_edit_unit(CLERK, 11)
    assert not acc.may_decide(CLERK) and not acc.may_administer(CLERK)
    assert acc.may_open_report(CLERK, DraftKey(10, 2024)) and not acc.may_open_report(CLERK, DraftKey(11, 2024))
    assert not acc.may_open_report(CLERK, UploadKey("abc"))
    units = [Unit(10, "青石岭镇", None, "town"), Unit(11, "白沙乡", None, "town")]
    assert acc.visible_units(CLERK, units) == units[:1]


def test_reviewers_see_every_unit_and_decide_but_edit_none() -> None:
    assert acc.may_open_unit(REVIEWER, 11) and not acc.may_edit_unit(REVIEWER, 11)
    assert acc.may_decide(REVIEWER) and acc.may_open_report(REVIEWER, UploadKey("abc"))
    assert not acc.may_administer(REVIEWER)
    assert acc.may_edit_unit(ADMIN, 11) and acc.may_administer(ADMIN) and acc.may_decide(ADMIN)


def test_without_accounts_everyone_may_do_everything() -> None:
    assert acc.may_edit_unit(None, 11) and acc.may_decide(None) and acc.may_administer(None)


def test_lockout_after_five_failures_within_fifteen_minutes() -> None:
    t = 10_000.0
    four = [t, t + 60, t + 120, t + 180]
    assert acc.locked_until(four, t + 200) is None
    assert acc.locked_until([*four, t + 240], t + 250) == t + acc.LOCKOUT_WINDOW_S
    # Spread over more than the window: the oldest no longer counts.
    assert acc.locked_until([t - 1000, *four], t + 240) is None
    assert acc.locked_until([*four, t + 240], t + acc.LOCKOUT_WINDOW_S + 1) is None


def test_session_expiry() -> None:
    assert not acc.expired(100.0, 99.9)
    assert acc.expired(100.0, 100.0)


def test_sign_in_and_idle_expiry(accounts: acc.Accounts, clock: Clock) -> None:
    assert not accounts.exist()
    accounts.add("王五", acc.ADMIN, "admin-password-1")
    assert accounts.exist()
    done = accounts.sign_in("王五", "admin-password-1")
    assert done.user is not None and done.user.role == acc.ADMIN and done.token
    clock.t += 29 * 60
    assert accounts.user(done.token) is not None  # activity pushes the expiry on
    clock.t += 29 * 60
    assert accounts.user(done.token) is not None
    clock.t += 31 * 60
    assert accounts.user(done.token) is None  # idle too long
    assert accounts.user("forged-token") is None and accounts.user(None) is None


def test_sign_out_ends_the_session(accounts: acc.Accounts) -> None:
    accounts.add("王五", acc.ADMIN, "admin-password-1")
    token = accounts.sign_in("王五", "admin-password-1").token
    assert accounts.user(token) is not None
    accounts.sign_out(token, by="王五")
    assert accounts.user(token) is None


def test_wrong_passwords_lock_the_name(accounts: acc.Accounts, clock: Clock) -> None:
    accounts.add("张三", acc.CLERK, "clerk-password-1")
    for _ in range(acc.LOCKOUT_FAILURES):
        assert accounts.sign_in("张三", "猜的密码").refused == "用户名或密码不正确。"
        clock.t += 10
    locked = accounts.sign_in("张三", "clerk-password-1")  # even the right password is refused while locked
    assert locked.user is None and locked.refused is not None and "锁定" in locked.refused
    clock.t += acc.LOCKOUT_WINDOW_S
    assert accounts.sign_in("张三", "clerk-password-1").user is not None


def test_an_unknown_name_is_refused_like_a_wrong_password(accounts: acc.Accounts) -> None:
    accounts.add("张三", acc.CLERK, "clerk-password-1")
    assert accounts.sign_in("不存在", "clerk-password-1").refused == accounts.sign_in("张三", "错").refused


def test_a_disabled_account_cannot_sign_in_and_loses_its_sessions(accounts: acc.Accounts) -> None:
    accounts.add("张三", acc.CLERK, "clerk-password-1")
    token = accounts.sign_in("张三", "clerk-password-1").token
    accounts.change("张三", role=acc.CLERK, active=False, unit_ids=())
    assert accounts.user(token) is None
    refused = accounts.sign_in("张三", "clerk-password-1").refused
    assert refused is not None and "停用" in refused


def test_accounts_are_checked(accounts: acc.Accounts, store: Store) -> None:
    unit = store.add_unit("青石岭镇")
    accounts.add("张三", acc.CLERK, "clerk-password-1", [unit.id], by="王五")
    with pytest.raises(acc.AccountError, match="已被使用"):
        accounts.add(" 张三 ", acc.CLERK, "another-password")
    with pytest.raises(acc.AccountError, match="角色"):
        accounts.add("赵六", "superuser", "another-password")
    with pytest.raises(acc.AccountError, match="至少"):
        accounts.add("赵六", acc.CLERK, "short")
    (record,) = accounts.users()
    assert record.unit_ids == {unit.id} and record.password_hash.startswith("$argon2id$")
    assert store.audit_log()[0].actor == "王五" and "张三" in store.audit_log()[0].detail
