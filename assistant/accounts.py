"""Who may do what: accounts with roles, password hashing, sessions that expire, lock-out, and the rules of access.

Three roles: a 起草人 (clerk) sees and edits only the units bound to the account; a 审核人 (reviewer) sees every
unit of the county and decides on flags, by name; a 管理员 (administrator) does all that and creates accounts
and units. Passwords are hashed with Argon2 (argon2-cffi). A session is a random token the browser session
holds; the server keeps only its hash and an expiry that each request pushes on (an idle timeout). Five failed
sign-ins within 15 minutes lock a name for the rest of that window.

The rules (``may_*``, :func:`locked_until`, :func:`expired`) are pure functions; :class:`Accounts` applies them
to the store.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from assistant.accountstore import ADMIN, CLERK, REVIEWER, ROLES, AuditEntry, UserRecord
from assistant.errors import AssistantError
from assistant.store import DraftKey, ReportKey, Store, Unit, now

# The audit log's kinds of change, as the administrator's page names them.
ACTION_CN = {
    "figures": "本年数字",
    "notes": "工作备注",
    "last-year": "上年报告",
    "profile": "单位信息",
    "draft": "草稿",
    "upload": "上传报告",
    "decision": "审核决定",
    "approval": "审核通过",
    "unit": "单位",
    "account": "账户",
    "login": "登录",
    "login-failed": "登录失败",
    "logout": "退出登录",
}

LOCKOUT_FAILURES = 5
LOCKOUT_WINDOW_S = 15 * 60
MIN_PASSWORD = 8

_HASHER = PasswordHasher()


@cache
def _dummy_hash() -> str:
    # Verified against when the name is unknown, so a wrong name costs the same time as a wrong password.
    return _HASHER.hash("nianbao-no-such-account")


class AccountError(AssistantError):
    """An account cannot be created or changed: a taken name, an unknown role, a short password."""


@dataclass(frozen=True)
class User:
    """A signed-in account: what the pages and the rules look at (never its password hash)."""

    id: int
    name: str
    role: str
    unit_ids: frozenset[int]

    @classmethod
    def of(cls, record: UserRecord) -> User:
        """The account's public part."""
        return cls(record.id, record.name, record.role, record.unit_ids)


# -- passwords --------------------------------------------------------------------------------------
def hash_password(password: str) -> str:
    """The Argon2id hash of a password (salted: the same password hashes differently each time)."""
    return _HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when the password matches the hash; a damaged hash never matches."""
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# -- the rules of access (pure) ---------------------------------------------------------------------
def may_open_unit(user: User | None, unit_id: int) -> bool:
    """Whether the user may see a unit's figures, drafts and flags (no user: accounts are off, all may)."""
    return user is None or user.role != CLERK or unit_id in user.unit_ids


def may_edit_unit(user: User | None, unit_id: int) -> bool:
    """Whether the user may change a unit's figures, notes, profile and drafts: its clerk, or an administrator."""
    return user is None or user.role == ADMIN or (user.role == CLERK and unit_id in user.unit_ids)


def may_decide(user: User | None) -> bool:
    """Whether the user may settle flags on the review page (reviewers and administrators)."""
    return user is None or user.role in (REVIEWER, ADMIN)


def may_administer(user: User | None) -> bool:
    """Whether the user may create units and accounts (no user: on a single laptop anyone creates units)."""
    return user is None or user.role == ADMIN


def may_open_report(user: User | None, key: ReportKey) -> bool:
    """Whether the user may open a stored report: a unit's draft as its unit; uploads only for reviewers."""
    if isinstance(key, DraftKey):
        return may_open_unit(user, key.unit_id)
    return may_decide(user)  # an upload belongs to no unit: the county's reviewers share them


def visible_units(user: User | None, units: Iterable[Unit]) -> list[Unit]:
    """The units the user may open, in the order given."""
    return [u for u in units if may_open_unit(user, u.id)]


def locked_until(failures: list[float], at: float) -> float | None:
    """When a name may try again, if its failures in the window up to ``at`` reached the limit; else None."""
    recent = sorted(t for t in failures if at - LOCKOUT_WINDOW_S < t <= at)
    if len(recent) < LOCKOUT_FAILURES:
        return None
    return recent[-LOCKOUT_FAILURES] + LOCKOUT_WINDOW_S


def expired(expires_at: float, at: float) -> bool:
    """Whether a session's expiry has passed."""
    return at >= expires_at


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class SignIn:
    """What a sign-in attempt came to: a session token and its user, or the Chinese reason it was refused."""

    user: User | None = None
    token: str | None = None
    refused: str | None = None


_WRONG = "用户名或密码不正确。"


class Accounts:
    """Accounts, sign-in and sessions on a store. ``clock`` gives epoch seconds (tests move time on)."""

    def __init__(self, store: Store, idle_minutes: int = 30, clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.idle_s = idle_minutes * 60
        self.clock = clock

    def exist(self) -> bool:
        """Whether any account exists (none yet: the first administrator is made with ``nianbao user add``)."""
        return bool(self.store.user_records())

    def users(self) -> list[UserRecord]:
        """Every account."""
        return self.store.user_records()

    def add(self, name: str, role: str, password: str, unit_ids: Iterable[int] = (), by: str = "") -> User:
        """Create an account; :class:`AccountError` when the name is taken, the role unknown, the password short."""
        name = name.strip()
        _check_account(name, role)
        _check_password(password)
        units = frozenset(unit_ids)
        # Checked first: a UNIQUE failure inside the store would read as a database fault.
        if self.store.user_record(name=name) is not None:
            raise AccountError(f"用户名“{name}”已被使用。", hint_en=f"user {name!r} exists")
        user_id = self.store.insert_user(name, role, hash_password(password), units, now())
        self._audit(by, "account", f"新建账户 {name}（{role}）")
        return User(user_id, name, role, units)

    def change(
        self, name: str, *, role: str, active: bool, unit_ids: Iterable[int], password: str | None = None, by: str = ""
    ) -> None:
        """Change an account's role, units, state or password."""
        record = self.store.user_record(name=name)
        if record is None:
            raise AccountError(f"没有名为“{name}”的账户。", hint_en=f"no user {name!r}")
        _check_account(name, role)
        if password is not None:
            _check_password(password)
        new_hash = hash_password(password) if password is not None else None
        self.store.update_user(
            record.id, role=role, active=active, unit_ids=frozenset(unit_ids), password_hash=new_hash
        )
        what = "停用" if not active else "修改"
        self._audit(by, "account", f"{what}账户 {name}（{role}）" + ("，重设密码" if password is not None else ""))

    def sign_in(self, name: str, password: str) -> SignIn:
        """Check a name and password, minding the lock-out; a session on success."""
        name = name.strip()
        at = self.clock()
        until = locked_until(self.store.login_failures(name, at - LOCKOUT_WINDOW_S), at)
        if until is not None:
            minutes = max(1, round((until - at) / 60))
            return SignIn(refused=f"登录失败次数过多，账户已暂时锁定，请约 {minutes} 分钟后再试。")
        record = self.store.user_record(name=name) if name else None
        good = verify_password(record.password_hash if record else _dummy_hash(), password)
        if record is None or not good or not record.active:
            self.store.add_login_failure(name, at)
            self._audit(name, "login-failed", "")
            return SignIn(refused="该账户已停用，请联系管理员。" if record and good else _WRONG)
        self.store.clear_login_failures(name)
        token = secrets.token_urlsafe(32)
        self.store.insert_session(_token_hash(token), record.id, at + self.idle_s)
        self._audit(name, "login", "")
        return SignIn(User.of(record), token)

    def user(self, token: str | None) -> User | None:
        """The user of a live session, pushing its expiry on; None when the token is unknown or expired."""
        if not token:
            return None
        key = _token_hash(token)
        found = self.store.session_record(key)
        at = self.clock()
        if found is None or expired(found[1], at):
            if found is not None:
                self.store.delete_session(key, expired_before=at)
            return None
        record = self.store.user_record(user_id=found[0])
        if record is None or not record.active:
            return None
        self.store.extend_session(key, at + self.idle_s)
        return User.of(record)

    def sign_out(self, token: str | None, by: str = "") -> None:
        """End a session."""
        if token:
            self.store.delete_session(_token_hash(token), expired_before=self.clock())
            self._audit(by, "logout", "")

    def _audit(self, actor: str, action: str, detail: str) -> None:
        self.store.add_audit(AuditEntry(now(), actor, action, None, None, detail))


def _check_account(name: str, role: str) -> None:
    if not name:
        raise AccountError("用户名不能为空。", hint_en="empty user name")
    if role not in ROLES:
        raise AccountError(f"未知的角色“{role}”（应为{'、'.join(ROLES)}）。", hint_en=f"unknown role {role!r}")


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"密码至少 {MIN_PASSWORD} 位。", hint_en="password too short")
