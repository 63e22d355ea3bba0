"""Server time per rerun of the dashboard when the investor moves a weight slider.

Runs the real ``app.py`` in Streamlit's AppTest (the script run is the server's work for a
rerun; network and browser drawing are not included) with the shipped catalog and SYNTHETIC
catalogs of 1,000 and 10,000 parks. Targets (issue 5): under 150 ms with the shipped catalog,
under 1 s at 10,000 sites. In the same run it measures the implementation before the scenario
redesign (issue 9: commit ``BASELINE``, extracted with ``git archive``) on the shipped catalog and
prints the ratio, so "no slower than before" is measured, not assumed.

Beside the wall time it prints the CPU time of the script thread per rerun (``thread_time``
around Streamlit's script run): on a shared, loaded machine the wall time mostly measures the
wait for a core, the CPU time the work a rerun does.

    python3 tasks.py bench app
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from bench.synthetic_catalog import write_catalog  # noqa: E402

TARGETS = {"shipped": 0.150, "synthetic 1k": None, "synthetic 10k": 1.0}
BASELINE = "b8c8f54"
"""The last commit before the scenario object (issue 9)."""
WEIGHT_LABEL = "Distance to customers (km)"
SCRIPT_CPU: list[float] = []
"""CPU seconds of every script run in this process (see :func:`_count_script_cpu`)."""


def _count_script_cpu() -> None:
    """Record the script thread's CPU time of every Streamlit script run."""
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.runtime.scriptrunner_utils.script_requests import RerunData

    run = script_runner.ScriptRunner._run_script
    if getattr(run, "counted", False):
        return

    def counted(self: script_runner.ScriptRunner, rerun_data: RerunData) -> None:
        start = time.thread_time()
        try:
            run(self, rerun_data)
        finally:
            SCRIPT_CPU.append(time.thread_time() - start)

    counted.counted = True  # type: ignore[attr-defined]
    script_runner.ScriptRunner._run_script = counted  # type: ignore[method-assign]


def _weight_slider(at: AppTest) -> object:
    """The customer-distance weight: keyed in the old app, found by its label in the new one."""
    for slider in at.slider:
        if slider.key == "w_customer_km" or slider.label == WEIGHT_LABEL:
            return slider
    raise SystemExit("no customer-distance weight slider found")


def _baseline_tree(folder: Path) -> Path | None:
    """The baseline commit's files in ``folder`` (``None`` outside a git checkout)."""
    archive = folder / "baseline.tar"
    try:
        subprocess.run(["git", "archive", "-o", str(archive), BASELINE], cwd=ROOT, check=True,
                       capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    with tarfile.open(archive) as tar:
        tar.extractall(folder / "baseline", filter="data")
    return folder / "baseline"


def measure(label: str, catalog_dir: Path | None, *, reruns: int = 5,
            root: Path = ROOT) -> float:
    if catalog_dir is None:
        os.environ.pop("PARKBENCH_CATALOG_DIR", None)
    else:
        os.environ["PARKBENCH_CATALOG_DIR"] = str(catalog_dir)
    os.environ["PARKBENCH_OFFLINE"] = "1"
    _count_script_cpu()
    at = AppTest.from_file(str(root / "app.py"), default_timeout=600)
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    if at.exception:
        raise SystemExit(f"{label}: the app raised {at.exception[0].value}")
    times, cpu = [], []
    for i in range(reruns):
        slider = _weight_slider(at)
        slider.set_value((slider.value + 1 + i) % 11)  # type: ignore[attr-defined]
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        cpu.append(SCRIPT_CPU[-1] if SCRIPT_CPU else float("nan"))
    median = statistics.median(times)
    target = TARGETS.get(label)
    verdict = "" if target is None else (
        f" (target < {target * 1000:.0f} ms: {'met' if median < target else 'NOT met'})")
    print(f"{label:>14}: first run {first:6.2f} s; weight-change rerun median "
          f"{median * 1000:7.1f} ms over {reruns} (min {min(times) * 1000:.1f} ms){verdict}; "
          f"script CPU median {statistics.median(cpu) * 1000:.1f} ms; load "
          f"{os.getloadavg()[0]:.2f}")
    return median


def main() -> None:
    print("Dashboard rerun after a weight change (AppTest, Find sites page, offline map)")
    results = {"shipped": measure("shipped", None)}
    with tempfile.TemporaryDirectory() as tmp:
        old = _baseline_tree(Path(tmp))
        if old is not None:  # its own process: its modules must not mix with this tree's
            proc = subprocess.run([sys.executable, __file__, "--baseline-root", str(old)],
                                  cwd=old, capture_output=True, text=True, check=False)
            print(proc.stdout.strip())
            medians = [line.split()[-1] for line in proc.stdout.splitlines()
                       if line.startswith("MEDIAN ")]
            if medians:
                print(f"shipped catalog, new / before the redesign: "
                      f"{results['shipped'] / float(medians[-1]):.2f}x")
            else:
                print("baseline did not run:", proc.stderr.strip()[-500:])
        for n, label in ((1000, "synthetic 1k"), (10_000, "synthetic 10k")):
            folder = write_catalog(Path(tmp) / f"syn{n}", n)
            results[label] = measure(label, folder, reruns=3)
    base = results["shipped"]
    print("ratios to the shipped catalog: " + ", ".join(
        f"{k} {v / base:.1f}x" for k, v in results.items() if k != "shipped"))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--baseline-root":
        base = Path(sys.argv[2])
        sys.path.insert(0, str(base))
        for name in [m for m in sys.modules if m.split(".")[0] in
                     ("sites", "metrics", "geodata", "report", "ui", "scenario")]:
            del sys.modules[name]  # the baseline's own packages, not this tree's
        print(f"MEDIAN {measure(f'before {BASELINE}', None, root=base)}")
    else:
        main()
