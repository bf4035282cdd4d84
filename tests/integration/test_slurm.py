"""A real one-node SLURM cluster runs a tiny 3-run study as an array job; every run tests, `collect` compares.

The cluster (munged + slurmctld + slurmd) is a throwaway one configured entirely under a temporary folder. It
needs Debian's `slurmctld slurmd slurm-client munge` and root (the daemons run as root, `SlurmUser=root`).
Clients find it through `SLURM_CONF`, which `SlurmCluster.env()` sets.
"""

from __future__ import annotations

import csv
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mixbuddy_pl.ablation.__main__ import main
from mixbuddy_pl.ablation.plan import plan
from mixbuddy_pl.ablation.collect import read_scalars
from mixbuddy_pl.ablation.slurm import status
from mixbuddy_pl.ablation.study import read_runs
from tests.helpers import TINY_STUDY_HEAD

DAEMONS = ("munged", "mungekey", "slurmctld", "slurmd", "sbatch", "squeue", "scontrol", "sinfo", "srun")


def missing_binaries() -> list[str]:
    """The programs this cluster needs that are not installed (searching PATH and the sbin folders)."""
    return [name for name in DAEMONS if _which(name) is None]


def _which(name: str) -> str | None:
    path = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/local/sbin", "/sbin"])
    return shutil.which(name, path=path)


def _free_ports(count: int) -> list[int]:
    """Ports free right now (another cluster on this machine must not collide with ours)."""
    sockets = [socket.socket() for _ in range(count)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def _memory_mb() -> int:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20


class SlurmCluster:
    """Start with `start()`, stop with `stop()`; every file lives under `root`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.host = socket.gethostname().split(".")[0]
        self.conf = root / "slurm.conf"
        self.munge_socket = root / "munge" / "munge.socket"
        self.processes: list[subprocess.Popen] = []

    def env(self) -> dict[str, str]:
        """This process's environment plus SLURM_CONF pointing at the cluster."""
        return {**os.environ, "SLURM_CONF": str(self.conf)}

    def start(self, timeout_s: float = 60.0) -> None:
        """Generate a munge key and slurm.conf, start the daemons and wait until the node is idle."""
        self._start_munge()
        self._write_conf()
        for daemon in ("slurmctld", "slurmd"):
            log = open(self.root / f"{daemon}.stdout", "w")
            args = [_which(daemon), "-D", "-f", str(self.conf)] + (["-c"] if daemon == "slurmctld" else [])
            self.processes.append(subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=self.env()))
        self._wait_idle(timeout_s)

    def _start_munge(self) -> None:
        folder = self.munge_socket.parent
        folder.mkdir(parents=True, mode=0o700)
        key = folder / "munge.key"
        subprocess.run([_which("mungekey"), "--create", f"--keyfile={key}"], check=True, capture_output=True)
        key.chmod(0o400)
        self.processes.append(subprocess.Popen([
            _which("munged"), "--foreground", "--force", f"--socket={self.munge_socket}", f"--key-file={key}",
            f"--pid-file={folder / 'munged.pid'}", f"--log-file={folder / 'munged.log'}",
            f"--seed-file={folder / 'munged.seed'}",
        ], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT))
        deadline = time.monotonic() + 10
        while not self.munge_socket.exists():
            if time.monotonic() > deadline:
                raise RuntimeError(f"munged did not start; see {folder / 'munged.log'}")
            time.sleep(0.1)

    def _write_conf(self) -> None:
        for name in ("state", "spool"):
            (self.root / name).mkdir()
        ctld_port, slurmd_port = _free_ports(2)
        r = self.root
        self.conf.write_text(f"""\
ClusterName=mixbuddytest
SlurmctldHost={self.host}(127.0.0.1)
SlurmctldPort={ctld_port}
SlurmdPort={slurmd_port}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket={self.munge_socket}
StateSaveLocation={r / 'state'}
SlurmdSpoolDir={r / 'spool'}
SlurmctldPidFile={r / 'slurmctld.pid'}
SlurmdPidFile={r / 'slurmd.pid'}
SlurmctldLogFile={r / 'slurmctld.log'}
SlurmdLogFile={r / 'slurmd.log'}
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
KillWait=5
InactiveLimit=0
NodeName={self.host} NodeAddr=127.0.0.1 CPUs={os.cpu_count()} RealMemory={_memory_mb()} State=UNKNOWN
PartitionName=debug Nodes={self.host} Default=YES MaxTime=INFINITE State=UP
""")

    def _wait_idle(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            out = subprocess.run(["sinfo", "-h", "-o", "%T"], capture_output=True, text=True, env=self.env())
            if out.returncode == 0 and out.stdout.strip() in ("idle", "mixed", "allocated"):
                return
            if any(p.poll() is not None for p in self.processes):
                break
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"the SLURM node did not come up; see {self.root}/slurmctld.log and slurmd.log")

    def stop(self) -> None:
        """Stop the daemons this cluster started (by pid), slurmd first."""
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        self.processes.clear()


REPO = Path(__file__).resolve().parents[2]
WAIT_S = 300
STUDY = "name: slurm_smoke" + TINY_STUDY_HEAD.format(num_train=2) + """arms:
  pair: {data.anchor_input: pair, seeds: [0, 1]}
  rest: {data.anchor_input: rest, seeds: [0]}
slurm: {gpus_per_node: 0, cpus_per_task: 1, mem: null, time: "00:10:00", max_concurrent: 2}
"""

pytestmark = [pytest.mark.slurm, pytest.mark.slow]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> SlurmCluster:
    if missing := missing_binaries():
        pytest.skip(f"SLURM/munge not installed (missing {missing}); apt-get install slurmctld slurmd slurm-client munge")
    if os.geteuid() != 0:
        pytest.skip("the test cluster runs its daemons as root (SlurmUser=root); run as root, as CI does")
    slurm = SlurmCluster(tmp_path_factory.mktemp("slurm"))
    request.addfinalizer(slurm.stop)
    slurm.start()
    return slurm


def _wait(job: str, env: dict[str, str]) -> None:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        queue = subprocess.run(["squeue", "-h", "-j", job], capture_output=True, text=True, env=env)
        if queue.returncode == 0 and not queue.stdout.strip():
            return
        time.sleep(2)
    pytest.fail(f"array job {job} still queued or running after {WAIT_S} s")


def test_study_runs_as_an_array_job(cluster: SlurmCluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture) -> None:
    monkeypatch.chdir(REPO)  # the jobs run where the study is planned: configs and the package resolve from here
    for key, value in cluster.env().items():
        monkeypatch.setenv(key, value)
    study_file = tmp_path / "slurm_smoke.yaml"
    study_file.write_text(STUDY)
    cache = tmp_path / "cache"  # one cache per task: concurrent tasks never build the same files
    setup = f"slurm.setup=[export MIXBUDDY_CACHE={cache}/$SLURM_ARRAY_TASK_ID]"
    result = plan(str(study_file), out=str(tmp_path / "logs"), sets=[setup], python=sys.executable)
    study_dir = result.study_dir
    assert "#SBATCH --array=0-2%2" in result.script and "--gpus-per-node" not in result.script

    main(["submit", str(study_dir)])
    job = capsys.readouterr().out.strip()
    assert job.isdigit()
    _wait(job, cluster.env())

    runs = read_runs(study_dir)
    states = status(study_dir, runs)
    logs = "\n".join(f"--- {s.run.name}: {s.state}\n{s.detail}" for s in states)
    assert [s.state for s in states] == ["finished"] * 3, logs
    for run in runs:
        folder = study_dir / run.name / "version_0"
        assert (folder / "checkpoints" / "last.ckpt").is_file() and (folder / "fit.done").is_file()
        assert list(folder.glob("events.out.tfevents.*")) and (folder / "predictions" / "test-epoch0.jsonl").is_file()
        assert {"direction_acc", "parse_rate", "rougeL"} <= set(read_scalars(folder))
        assert f"{run.name} done" in (study_dir / "slurm" / f"{run.index}.out").read_text()

    main(["collect", str(study_dir), "--bootstrap", "200"])
    with (study_dir / "results.csv").open() as f:
        rows = list(csv.DictReader(f))
    assert [r["name"] for r in rows if r["level"] == "run"] == [r.name for r in runs]
    assert all(r["status"] == "ok" for r in rows)
    assert {r["name"] for r in rows if r["level"] == "arm"} == {"pair", "rest"}
    assert (study_dir / "results.md").is_file() and (study_dir / "results.png").is_file()
