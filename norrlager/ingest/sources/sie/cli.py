"""`norrlager sie`: SIE 4 files for a data team."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from norrlager.ingest.sources.sie.inspect import read_path, render, summary
from norrlager.ingest.sources.sie.reader import SieFileError


def cmd_inspect(args: argparse.Namespace) -> int:
    try:
        sf = read_path(args.file, args.encoding)
    except SieFileError as e:
        print(f"norrlager sie: {str(e).splitlines()[0]}", file=sys.stderr)
        return 2
    s = summary(sf)
    print(json.dumps(s, ensure_ascii=False, indent=1) if args.json else render(s))
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sie", help="read SIE 4 files (the ledger as accounting programs export "
                                   "it): inspect one")
    sie = p.add_subparsers(dest="sie_command", required=True, metavar="SIE_COMMAND")
    s = sie.add_parser(
        "inspect", help="summarise a SIE file: program, company, fiscal years, dimensions, "
                        "accounts, vouchers, rows, totals per account, unbalanced vouchers, "
                        "findings",
        description="Reads a SIE 4 file (4E or 4I, specification 4B) as the loader would and "
                    "summarises it. Exit 0 when the file was read (unbalanced vouchers and "
                    "findings are listed, not fatal here); 2 with a one-line message when it "
                    "is not a SIE file, is truncated or cannot be read.")
    s.add_argument("file", type=Path, help="the .se/.si file")
    s.add_argument("--json", action="store_true",
                   help="one JSON object: sie_type, encoding, fiscal_years, vouchers, "
                        "transactions, totals_by_account, unbalanced_vouchers, findings, ...")
    s.add_argument("--encoding", default=None,
                   help="read as this encoding (pc8, utf-8, latin-1, windows-1252) instead of "
                        "detecting it, as a delivery's manifest may state")
    s.set_defaults(func=cmd_inspect)
