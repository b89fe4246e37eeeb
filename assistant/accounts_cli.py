"""``nianbao user``: accounts from the command line — the first administrator, and a list of who may sign in.

The password is asked for twice at a terminal (never an argument: it would stay in the shell's history) and read
as one line from standard input otherwise, so a script can pipe it in.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from assistant.accountstore import ROLES


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``user add`` and ``user list`` on the CLI's sub-commands."""
    p = sub.add_parser("user", help="账户管理（NIANBAO_ACCOUNTS=1 时生效）：新建账户、列出账户")
    actions = p.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="新建账户（密码从终端提示输入，或从标准输入读一行）")
    add.add_argument("name", metavar="NAME", help="用户名（登录用，如姓名）")
    add.add_argument("--role", required=True, choices=ROLES, help="角色")
    add.add_argument("--unit", action="append", default=[], metavar="单位", help="起草人负责的单位（可多次给出）")
    add.set_defaults(func=_cmd_add)
    listing = actions.add_parser("list", help="列出账户、角色和负责的单位")
    listing.set_defaults(func=_cmd_list)


def _password() -> str:
    from assistant.accounts import AccountError

    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("密码：")
    if getpass.getpass("再输入一次：") != first:
        raise AccountError("两次输入的密码不一致。", hint_en="passwords differ")
    return first


def _cmd_add(args: argparse.Namespace) -> int:
    # Imported here: Argon2 and the store are not loaded for the other commands (``check`` starts fast).
    from assistant.accounts import AccountError, Accounts
    from assistant.settings import Settings
    from assistant.store import Store

    store = Store(Settings().db_path)
    units = {u.name: u.id for u in store.units()}
    missing = [name for name in args.unit if name not in units]
    if missing:
        raise AccountError(f"没有这些单位：{'、'.join(missing)}。请先在页面上新建单位。", hint_en="unknown unit")
    user = Accounts(store).add(args.name, args.role, _password(), [units[n] for n in args.unit], by="（命令行）")
    sys.stderr.write(f"已新建账户 {user.name}（{user.role}），数据库：{store.path}\n")
    return 0


def _cmd_list(_: argparse.Namespace) -> int:
    from assistant.accounts import Accounts
    from assistant.settings import Settings
    from assistant.store import Store

    store = Store(Settings().db_path)
    names = {u.id: u.name for u in store.units()}
    for user in Accounts(store).users():
        units = "、".join(names.get(i, str(i)) for i in sorted(user.unit_ids))
        state = "" if user.active else "（已停用）"
        sys.stdout.write(f"{user.name}\t{user.role}{state}\t{units}\n")
    return 0
