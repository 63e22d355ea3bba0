#!/usr/bin/env python3
"""The two commands of parkbench, with nothing but Python 3.11+ on the machine.

    python3 tasks.py run    # create/update .venv from requirements.lock, start the dashboard
    python3 tasks.py test   # create/update .venv from both locks, run the whole test suite

Other verbs: ``lock`` (refresh uv.lock and the exported lock files), ``lock-check`` (fail when
the lock files are stale), ``lint`` (ruff + mypy on the core), ``bench`` (run the benchmarks).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("PARKBENCH_VENV", ROOT / ".venv"))
RUNTIME_LOCK = ROOT / "requirements.lock"
DEV_LOCK = ROOT / "requirements-dev.lock"


def _python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _run(*args: str | Path, **kwargs: object) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT, **kwargs)  # type: ignore[arg-type]


def _ensure_venv(*, dev: bool) -> Path:
    """Create the virtual environment and install the hash-pinned locks when they changed."""
    locks = [RUNTIME_LOCK, DEV_LOCK] if dev else [RUNTIME_LOCK]
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in locks)).hexdigest()
    stamp = VENV / f".parkbench-{'dev' if dev else 'run'}.sha256"
    if not _python().exists():
        print(f"creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if not stamp.exists() or stamp.read_text() != digest:
        args: list[str | Path] = [_python(), "-m", "pip", "install", "--disable-pip-version-check",
                                  "-q", "--require-hashes"]
        for lock in locks:
            args += ["-r", lock]
        _run(*args)
        stamp.write_text(digest)
    return _python()


def run() -> None:
    python = _ensure_venv(dev=False)
    port = os.environ.get("PORT", "8501")
    _run(python, "-m", "streamlit", "run", "app.py", "--server.port", port)


def test(extra: list[str]) -> None:
    python = _ensure_venv(dev=True)
    _run(python, "-m", "pytest", *extra)


def lint() -> None:
    python = _ensure_venv(dev=True)
    _run(python, "-m", "ruff", "check", ".")
    _run(python, "-m", "mypy")


def bench(extra: list[str]) -> None:
    python = _ensure_venv(dev=True)
    for script in sorted((ROOT / "bench").glob("bench_*.py")):
        if not extra or any(name in script.name for name in extra):
            _run(python, script)


def lock() -> None:
    _run("uv", "lock")
    _export()


def _export() -> None:
    # relative output paths: uv records the command in the file's header
    _run("uv", "export", "--format", "requirements.txt", "--no-dev", "--no-emit-project",
         "--locked", "-q", "-o", RUNTIME_LOCK.name)
    _run("uv", "export", "--format", "requirements.txt", "--only-group", "dev",
         "--no-emit-project", "--locked", "-q", "-o", DEV_LOCK.name)


def lock_check() -> None:
    """Fail when uv.lock is stale against pyproject.toml or the exports differ from uv.lock."""
    before = {p: p.read_text() for p in (RUNTIME_LOCK, DEV_LOCK)}
    _run("uv", "lock", "--check")
    _export()
    stale = [p.name for p, text in before.items() if p.read_text() != text]
    if stale:
        for p, text in before.items():
            p.write_text(text)
        sys.exit(f"stale lock export: {', '.join(stale)}; run `python3 tasks.py lock` and commit")
    print("lock files are up to date")


def main(argv: list[str]) -> None:
    verbs = {"run", "test", "lint", "bench", "lock", "lock-check"}
    if not argv or argv[0] not in verbs:
        sys.exit(f"usage: python3 tasks.py {{{'|'.join(sorted(verbs))}}} [args]")
    verb, extra = argv[0], argv[1:]
    try:
        if verb == "run":
            run()
        elif verb == "test":
            test(extra)
        elif verb == "lint":
            lint()
        elif verb == "bench":
            bench(extra)
        elif verb == "lock":
            lock()
        else:
            lock_check()
    except subprocess.CalledProcessError as exc:
        sys.exit(exc.returncode)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main(sys.argv[1:])
