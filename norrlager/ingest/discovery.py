"""Which deliveries landing holds, and which of them is current: per system, entity and period,
the newest by its manifest's `delivered_at`, whatever its folder is called. Every breach of
landing's boundary (links, unsafe names) and every unreadable manifest is an error to quarantine,
never an exception."""

from __future__ import annotations

from pathlib import Path

from norrlager.ingest.errors import LoadError
from norrlager.ingest.landing import delivery_folders, printable
from norrlager.ingest.manifest import MANIFEST, SYSTEMS, Delivery, read_manifest


def deliveries(landing: Path, systems: list[str] | None = None) -> list[Path]:
    """Every delivery folder (one holding a manifest) of the given systems."""
    folders = delivery_folders(landing)[0]
    return [f for f in folders if systems is None or f.parent.name in systems]


def read_deliveries(landing: Path, systems: list[str] | None = None,
                    up_to: str | None = None) -> tuple[list[Delivery], list[LoadError]]:
    """The manifests of every delivery up to a period; the ones that cannot be read, and every
    breach of landing's boundary (links, unsafe names), as errors."""
    folders, errors = delivery_folders(landing)
    if systems is not None:  # a breach outside any known system's folder is everyone's
        errors = [e for e in errors if _system_of(landing, e.file) in systems
                  or _system_of(landing, e.file) not in SYSTEMS]
    found = []
    for folder in (f for f in folders if systems is None or f.parent.name in systems):
        try:
            d = read_manifest(folder)
        except LoadError as err:
            errors.append(err)
            continue
        except Exception as e:  # no content of landing may raise past the quarantine
            errors.append(LoadError(printable(folder / MANIFEST), None, "unreadable manifest",
                                    f"the manifest could not be read ({type(e).__name__})"))
            continue
        if d.system != folder.parent.name:
            errors.append(LoadError(str(d.manifest_path), None, "manifest system",
                                    f"the manifest is for {d.system}, the folder is "
                                    f"{folder.parent.name}'s"))
        elif up_to is None or d.period <= up_to:
            found.append(d)
    return found, errors


def delivered_periods(landing: Path) -> list[str]:
    """Every period some system has delivered, in order."""
    return sorted({d.period for d in read_deliveries(landing)[0]})


def current_deliveries(found: list[Delivery]) -> tuple[list[tuple[Delivery, str]], list[str],
                                                      list[LoadError]]:
    """Per system, entity and period, the newest delivery; the folders it supersedes; and an
    error for two different deliveries of one period made at the same time (which is current
    cannot be told)."""
    newest: dict[tuple[str, str, str], Delivery] = {}
    ties: dict[tuple[str, str, str], Delivery] = {}
    for d in found:
        for name in d.by_entity():
            k = (d.system, name, d.period)
            if k not in newest or d.delivered_at > newest[k].delivered_at:
                newest[k] = d
                ties.pop(k, None)
            elif (d.delivered_at == newest[k].delivered_at
                  and d.manifest_sha256 != newest[k].manifest_sha256):
                ties[k] = d
    errors = [LoadError(str(d.manifest_path), None, "ambiguous delivery",
                        f"{newest[k].folder} delivers {k[1]} of {k[2]} at the same time "
                        f"({d.delivered_at}) with other content: which is current cannot be "
                        "told; withdraw one") for k, d in ties.items()]
    chosen = sorted(((k, d) for k, d in newest.items() if k not in ties),
                    key=lambda kv: (kv[0][0], kv[0][2], kv[0][1]))
    superseded = sorted({str(d.folder) for d in found} - {str(d.folder) for d in newest.values()})
    return [(d, k[1]) for k, d in chosen], superseded, errors


def _system_of(landing: Path, file: str) -> str | None:
    """The system folder a finding's path lies in, if any."""
    try:
        return Path(file).relative_to(printable(landing)).parts[0]
    except (ValueError, IndexError):
        return None
