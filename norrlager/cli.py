"""The `norrlager` command line: one entry point, one subcommand per job."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from norrlager import config
from norrlager.console import progress as _progress
from norrlager.ingest.sources.sie import cli as sie_cli
from norrlager.transform.spark import cli as spark_cli


def cmd_simulate(args: argparse.Namespace) -> int:
    from norrlager.simulate.region import simulate_region

    counts = simulate_region(args.landing, scale=args.scale, seed=args.seed, progress=_progress)
    if args.ledger_format == "sie":
        from norrlager.simulate.ledger.sie_delivery import rewrite_ledger_as_sie

        rewrite_ledger_as_sie(args.landing, progress=_progress)
    for entity, n in counts.items():
        _progress(f"  {entity}: {n:,} rows")
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    from norrlager.ingest.loader import load_landing

    if args.rotate_key:
        _progress("rotating the pseudonymisation key: raw is emptied and every delivery "
                  "reloaded under the new key; rebuild with `norrlager refresh --full-refresh`")
    report = load_landing(args.warehouse, args.landing, progress=_progress, demo=args.demo,
                          rotate_key=args.rotate_key)
    _progress(f"loaded {len(report.loaded)} files ({report.rows:,} rows); "
              f"{len(report.unchanged)} unchanged; {len(report.superseded)} superseded; "
              f"{len(report.rejected)} rejected")
    for err in report.rejected:
        print(f"REJECTED {err}", file=sys.stderr)
    return 1 if report.rejected else 0


def cmd_manifest(args: argparse.Namespace) -> int:
    from norrlager.ingest.make_manifest import make_manifest

    path = make_manifest(args.folder, system=args.system, period=args.period,
                         delivered_at=args.delivered_at, force=args.force)
    _progress(f"wrote {path}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from norrlager.transform.build import dbt_build

    result = dbt_build(args.warehouse, select=args.select, progress=_progress)
    return 0 if result.success else 1


def cmd_validate(args: argparse.Namespace) -> int:
    from norrlager.quality.validate import run_validation

    run = run_validation(args.warehouse, progress=_progress)
    for failure in run.failures(gate_only=False):
        stream = sys.stderr if failure.gate else sys.stdout
        label = "FAILED" if failure.gate else "FINDING"
        print(f"{label} {failure.message}", file=stream)
    return 0 if run.success else 1


def cmd_run(args: argparse.Namespace) -> int:
    from norrlager.orchestrate.pipeline import run_all

    return run_all(args.warehouse, args.landing, scale=args.scale, seed=args.seed,
                   progress=_progress, full_refresh=args.full_refresh)


def cmd_refresh(args: argparse.Namespace) -> int:
    from flows.refresh import refresh
    from norrlager.ingest.lock import warehouse_lock

    # The lock is taken before Prefect starts, so a second refresh stops at once.
    with warehouse_lock(args.warehouse, what="norrlager refresh"):
        state = refresh(period=args.period, full_refresh=args.full_refresh,
                        warehouse=str(args.warehouse), landing=str(args.landing),
                        demo=args.demo, allow_incomplete=args.allow_incomplete,
                        return_state=True)
    if not state.is_completed():
        print(f"FAILED {state.message}", file=sys.stderr)
        return 1
    return 0


def cmd_schedule(args: argparse.Namespace) -> int:
    from norrlager.orchestrate.schedule import next_runs

    for when in next_runs(args.count):
        print(when.isoformat())
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from norrlager.orchestrate.schedule import local_prefect_server, next_runs

    with local_prefect_server(args.warehouse, args.port, progress=_progress):
        # Imported only now: Prefect reads PREFECT_API_URL when it is first imported.
        from flows.refresh import serve

        nxt = ", ".join(w.isoformat() for w in next_runs(2))
        _progress(f"serving deployment norrlager-monthly-refresh/monthly; next runs: {nxt}")
        serve()
    return 0


def cmd_prefect(args: argparse.Namespace) -> int:
    import os
    import subprocess

    from norrlager.orchestrate import service

    url = os.environ.get("PREFECT_API_URL") or f"http://127.0.0.1:{args.port}/api"
    service.use_as_client(url, service.api_secret(args.warehouse))
    prefect = Path(sys.executable).with_name("prefect")
    return subprocess.call([str(prefect), *args.prefect_args])


def cmd_bench(args: argparse.Namespace) -> int:
    from norrlager.bench import run_bench

    return run_bench(scale=args.scale, progress=_progress, out=args.out,
                     end_to_end=args.end_to_end)


def cmd_deliveries(args: argparse.Namespace) -> int:
    from norrlager.serve.deliveries import deliveries_dir, write_rs, write_waiting_times

    out = args.out or deliveries_dir(args.warehouse)
    try:
        write_waiting_times(args.warehouse, out / "waiting_times", args.period or None,
                            progress=_progress)
        write_rs(args.warehouse, out / "rakenskapssammandrag", args.year or None,
                 progress=_progress)
    except ValueError as e:
        print(f"norrlager deliveries: {e}", file=sys.stderr)
        return 1
    return 0


def cmd_kolada(args: argparse.Namespace) -> int:
    from norrlager.ingest.errors import LoadError
    from norrlager.ingest.sources import kolada

    years = list(range(args.first_year, args.last_year + 1))
    try:
        fetch = kolada.http_fetch(args.timeout)
        wanted = kolada.kpis()
        ids = kolada.resolve_kpis(fetch, wanted, kolada.parse_pins(args.kpi), args.base_url)
        _progress(f"kolada: {len(ids)} key figures: "
                  + ", ".join(f"{a}={i}" for a, i in ids.items()))
        region_ids = [r.kolada_id for r in kolada.regions()]
        rows = kolada.fetch_values(fetch, ids, region_ids, years, args.base_url)
        folder = kolada.write_delivery(rows, args.landing)
    except (kolada.KoladaError, LoadError) as e:
        print(f"norrlager kolada: {e}", file=sys.stderr)
        return 2
    _progress(f"kolada: {len(rows):,} values for {len(region_ids)} regions and the country, "
              f"{years[0]}–{years[-1]}, written to {folder}")
    if args.no_load:
        return 0
    return cmd_load(argparse.Namespace(warehouse=args.warehouse, landing=args.landing,
                                       demo=False, rotate_key=False))


def _kolada_epilog() -> str:
    from norrlager.ingest.sources.kolada import describe

    return describe()


def _kolada_base_url() -> str:
    from norrlager.ingest.sources.kolada import BASE_URL

    return BASE_URL


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="norrlager",
        description="Norrlager: a dbt + DuckDB data warehouse for Swedish regions. "
                    "Simulates the demo region's source systems, loads their extracts, "
                    "builds the marts and reconciles them with the published annual report.")
    p.add_argument("--warehouse", type=Path, default=config.warehouse_path(),
                   help="DuckDB file to build (env NORRLAGER_WAREHOUSE; default %(default)s)")
    p.add_argument("--landing", type=Path, default=config.landing_dir(),
                   help="landing area of the extracts (env NORRLAGER_LANDING; "
                        "default %(default)s)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def sim_opts(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--scale", type=float, default=1.0,
                        help="multiply every source system's size (ledger amounts and "
                             "volumes, staff, invoices, patients, population); 1 reproduces "
                             "the annual report, 40 is about Sweden")
        sp.add_argument("--seed", type=int, default=2023, help="random seed (deterministic)")

    def demo_opt(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--demo", action="store_true",
                        help="create a random pseudonymisation key if there is none (demo "
                             "only); amounts are checked against the demo's scale")

    s = sub.add_parser("simulate", help="write the demo region's extracts to the landing area")
    sim_opts(s)
    s.add_argument("--ledger-format", choices=["csv", "sie"], default="csv",
                   help="the ledger's lines as the CSV extract (default) or as SIE 4 files, as "
                        "an accounting program exports them; the same rows either way")
    s.set_defaults(func=cmd_simulate)
    s = sub.add_parser("load", help="check and load every delivery in the landing area; exits "
                                    "1 if a file was rejected (see audit.quarantine)")
    demo_opt(s)
    s.add_argument("--rotate-key", action="store_true",
                   help="load under a new pseudonymisation key: empties raw and reloads every "
                        "delivery (then run refresh --full-refresh)")
    s.set_defaults(func=cmd_load)
    s = sub.add_parser("manifest", help="check a folder of extract files and write its "
                                        "manifest.json (rows, control sums, sha256)")
    s.add_argument("folder", type=Path, help="the delivery folder, e.g. landing/hr/2024-01")
    s.add_argument("--system", help="source system (default: the parent folder's name)")
    s.add_argument("--period", help="YYYY-MM (default: the folder's name)")
    s.add_argument("--delivered-at", help="ISO timestamp of the delivery (default: now)")
    s.add_argument("--force", action="store_true", help="replace an existing manifest")
    s.set_defaults(func=cmd_manifest)
    s = sub.add_parser("build", help="run dbt build (all models, seeds and tests) once")
    s.add_argument("--select", default=None, help="dbt selection, e.g. 'marts.operating_accounts'")
    s.set_defaults(func=cmd_build)
    s = sub.add_parser("validate", help="run the reconciliation suites (Great Expectations); "
                                        "exits non-zero when a gating suite fails")
    s.set_defaults(func=cmd_validate)
    s = sub.add_parser("run", help="simulate the demo, then refresh through the Prefect flow "
                                   "(a backfill: load, build, validate, publish)")
    sim_opts(s)
    s.add_argument("--full-refresh", action="store_true", help="rebuild incremental models")
    s.set_defaults(func=cmd_run)
    s = sub.add_parser("refresh", help="one Prefect flow run: load new deliveries up to a "
                                       "period, build, validate, publish")
    s.add_argument("--period", default=None, help="YYYY-MM (default: the latest delivered)")
    s.add_argument("--full-refresh", action="store_true", help="rebuild incremental models")
    demo_opt(s)
    s.add_argument("--allow-incomplete", action="store_true",
                   help="build and publish although a delivery is missing or rejected; "
                        "meta.data_through tells BI how far each domain's data goes")
    s.set_defaults(func=cmd_refresh)
    s = sub.add_parser("serve", help="register the monthly deployment and run it when due; "
                                     "starts a local Prefect server (with credentials, see "
                                     "SECURITY.md) unless PREFECT_API_URL is set")
    s.add_argument("--port", type=int, default=4200, help="port of the local Prefect server")
    s.set_defaults(func=cmd_serve)
    s = sub.add_parser("prefect", help="run a prefect command against the served API, with its "
                                       "credentials (e.g. norrlager prefect deployment ls)")
    s.add_argument("--port", type=int, default=4200, help="port of the local Prefect server")
    s.add_argument("prefect_args", nargs=argparse.REMAINDER, help="the prefect command")
    s.set_defaults(func=cmd_prefect)
    s = sub.add_parser("schedule", help="show when the monthly refresh runs next")
    s.add_argument("--count", type=int, default=3, help="how many runs to show")
    s.set_defaults(func=cmd_schedule)
    s = sub.add_parser(
        "deliveries", help="write the national deliveries from the built warehouse: the monthly "
                           "waiting-time file for SKR and the yearly räkenskapssammandrag for SCB",
        description="Writes waiting_times/waiting_times_<YYYY-MM>.csv (SKR's waiting-time "
                    "database: every wait completed in the month and every wait open at its "
                    "end, pseudonymised, with kind, specialty, sex, age band, days waited and "
                    "reason for deviation) and rakenskapssammandrag/rakenskapssammandrag_<YYYY>"
                    ".csv (SCB's RS: income and costs per activity and line, net cost per "
                    "activity, sales and purchases of activity per kind of counterparty). UTF-8, "
                    "comma-separated, with a header. The refresh flow writes them after "
                    "publishing; a file is rewritten only when its rows changed.")
    s.add_argument("--period", action="append", default=[],
                   help="waiting times: YYYY-MM to write (repeatable; default every month)")
    s.add_argument("--year", action="append", default=[],
                   help="räkenskapssammandrag: YYYY to write (repeatable; default every year)")
    s.add_argument("--out", type=Path, default=None,
                   help="folder (default: deliveries/ beside the warehouse, outside the "
                        "serving tree)")
    s.set_defaults(func=cmd_deliveries)
    spark_cli.add_parsers(sub)
    s = sub.add_parser(
        "kolada", help="fetch peers' key figures from Kolada's public API (all regions and the "
                       "country) as a delivery of the source kolada, and load it",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=textwrap.fill(
                    "Fetches the key figures of seed kolada_kpis (net cost per inhabitant per "
                    "activity area, and the population) for every region of seed kolada_regions "
                    "and the country from Kolada (api.kolada.se, v3), writes them as "
                    "landing/kolada/<YYYY-MM>/ with a manifest, and loads them into "
                    "raw.kolada_values through the loader. national_reporting."
                    "net_cost_per_inhabitant_vs_peers compares the home region's own figures "
                    "with the country and the peers. Needs internet access to api.kolada.se; "
                    "offline it fails with exit code 2 and says so.", 78),
        epilog=_kolada_epilog())
    s.add_argument("--first-year", type=int, default=2018, help="first year (default 2018)")
    s.add_argument("--last-year", type=int, default=config.dbt_vars()["report_year"],
                   help="last year (default: the report year, %(default)s)")
    s.add_argument("--kpi", action="append", default=[], metavar="AREA=ID",
                   help="pin a key figure's Kolada id instead of looking its title up "
                        "(repeatable), e.g. --kpi 110=N12345")
    s.add_argument("--base-url", default=_kolada_base_url(),
                   help="Kolada's API (default %(default)s)")
    s.add_argument("--timeout", type=float, default=20.0, help="seconds per request")
    s.add_argument("--no-load", action="store_true",
                   help="write the delivery only; the next refresh loads it")
    s.set_defaults(func=cmd_kolada)
    sie_cli.add_parser(sub)
    s = sub.add_parser("bench", help="measure simulate, load and dbt build against direct DuckDB")
    s.add_argument("--scale", type=float, default=1.0, help="region size factor (any N > 0)")
    s.add_argument("--out", type=Path, default=None,
                   help="JSON result file (default bench/results/<time>-scale<N>.json)")
    s.add_argument("--end-to-end", action="store_true",
                   help="only simulate, load and dbt build, with peak memory and disk (for a "
                        "scale whose read_csv floor and direct run would need a second copy)")
    s.set_defaults(func=cmd_bench)
    return p


def main(argv: list[str] | None = None) -> int:
    from norrlager.ingest.errors import LoadError, WarehouseBusyError
    from norrlager.ingest.pseudonym import PseudonymKeyError, take_key_from_environment
    from norrlager.serve.permissions import private_by_default

    config.quiet_telemetry()
    args = parser().parse_args(argv)
    private_by_default()  # everything written from here on is the owner's only
    take_key_from_environment()  # no child process (dbt, Prefect's server) inherits the key
    if getattr(args, "demo", False):  # load and refresh of a demo, simulated at any scale
        from norrlager.orchestrate.pipeline import use_demo_region_size

        use_demo_region_size(args.warehouse)
    try:
        return args.func(args)
    except (WarehouseBusyError, PseudonymKeyError, LoadError) as e:
        print(f"norrlager: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
