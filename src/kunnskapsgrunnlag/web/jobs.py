"""A bounded build queue: a fixed number of build processes, a visible queue, a queue limit,
a time limit per build, and cleaning of old results.

Each worker thread owns one build process (spawned, so no threads are forked) and hands it one
job at a time. A build that passes its time limit has its process killed and replaced; the
other workers go on. Files are kept in `<output>/<job id>/` and served only by job id and kind.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import secrets
import shutil
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from .worker import BatchSpec, DeckSpec, worker_main

log = logging.getLogger("kunnskapsgrunnlag.web")
JOB_ID_LENGTH = 22  # secrets.token_urlsafe(16)


class QueueFull(Exception):
    """The queue holds its limit; the user is asked to try again (HTTP 429)."""


@dataclass
class Job:
    id: str
    spec: DeckSpec | BatchSpec
    label: str
    timeout: float
    folder: Path
    state: str = "queued"  # queued, running, done, failed
    created: float = field(default_factory=time.monotonic)
    started: float | None = None
    finished: float | None = None
    message: str = ""  # why it failed: the library's message, or a code whose text is in _status.html
    done: int = 0
    total: int = 0
    current: str = ""
    files: dict[str, str] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    @property
    def is_batch(self) -> bool:
        return isinstance(self.spec, BatchSpec)

    def file(self, kind: str) -> Path | None:
        """The path of one result, only ever from the job's own folder."""
        relative = self.files.get(kind)
        if relative is None:
            return None
        path = (self.folder / relative).resolve()
        return path if path.is_relative_to(self.folder.resolve()) and path.is_file() else None


class _BuildProcess:
    def __init__(self, project_root: Path):
        self.project_root = project_root
        self.process = None
        self.conn = None

    def ensure(self) -> None:
        if self.process is not None and self.process.is_alive():
            return
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        self.process = context.Process(target=worker_main, args=(child, str(self.project_root)), daemon=True)
        self.process.start()
        child.close()
        self.conn = parent

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.join(5)
        self.process = None
        self.conn = None

    def stop(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(OSError):
                self.conn.send(None)
        if self.process is not None:
            self.process.join(5)
            if self.process.is_alive():
                self.kill()


class JobQueue:
    def __init__(self, project_root: Path, output_dir: Path, workers: int, queue_limit: int, result_ttl: float):
        self.project_root = project_root
        self.output_dir = output_dir
        self.queue_limit = queue_limit
        self.result_ttl = result_ttl
        self._jobs: dict[str, Job] = {}
        self._pending: deque[Job] = deque()
        self._cv = threading.Condition()
        self._closing = False
        self._processes = [_BuildProcess(project_root) for _ in range(max(1, workers))]
        self._threads: list[threading.Thread] = []
        self._started = False

    # --- public ---

    def start(self) -> None:
        """Start the build processes now (they load the project), instead of at the first job."""
        with self._cv:
            if self._started:
                return
            self._started = True
        for i, process in enumerate(self._processes):
            process.ensure()
            thread = threading.Thread(target=self._run, args=(process,), name=f"bygger-{i + 1}", daemon=True)
            thread.start()
            self._threads.append(thread)
        threading.Thread(target=self._clean_loop, name="opprydding", daemon=True).start()

    def submit(self, spec: DeckSpec | BatchSpec, label: str, timeout: float) -> Job:
        self.start()
        with self._cv:
            if len(self._pending) >= self.queue_limit:
                raise QueueFull
            job_id = secrets.token_urlsafe(16)
            job = Job(job_id, spec, label, timeout, self.output_dir / job_id)
            self._jobs[job_id] = job
            self._pending.append(job)
            self._cv.notify()
        return job

    def get(self, job_id: str) -> Job | None:
        with self._cv:
            return self._jobs.get(job_id)

    def position(self, job: Job) -> int | None:
        """1 for the next job to start; None when it is not waiting."""
        with self._cv:
            try:
                return self._pending.index(job) + 1
            except ValueError:
                return None

    @property
    def waiting(self) -> int:
        with self._cv:
            return len(self._pending)

    def clean(self, now: float | None = None) -> int:
        """Forget finished jobs older than the result time and delete their files."""
        now = time.monotonic() if now is None else now
        with self._cv:
            old = [j for j in self._jobs.values() if j.finished is not None and now - j.finished > self.result_ttl]
            for job in old:
                del self._jobs[job.id]
        for job in old:
            shutil.rmtree(job.folder, ignore_errors=True)
        return len(old)

    def shutdown(self) -> None:
        with self._cv:
            self._closing = True
            self._cv.notify_all()
        for process in self._processes:
            process.stop()

    # --- workers ---

    def _run(self, process: _BuildProcess) -> None:
        while True:
            with self._cv:
                while not self._pending and not self._closing:
                    self._cv.wait()
                if self._closing:
                    return
                job = self._pending.popleft()
                job.state, job.started = "running", time.monotonic()
            try:
                self._execute(process, job)
            except Exception:  # the worker thread must survive anything a job does
                log.exception("job %s failed", job.id)
                self._finish(job, "failed", "intern")

    def _execute(self, process: _BuildProcess, job: Job) -> None:
        process.ensure()
        job.folder.mkdir(parents=True, exist_ok=True)
        assert process.conn is not None
        process.conn.send((job.spec, str(job.folder)))
        deadline = time.monotonic() + job.timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                log.warning("job %s passed its time limit of %.0f s; restarting its build process", job.id, job.timeout)
                process.kill()
                self._finish(job, "failed", "tidsgrense")
                return
            try:
                if not process.conn.poll(min(remaining, 0.5)):
                    continue
                message = process.conn.recv()
            except (EOFError, OSError):
                log.error("build process for job %s stopped", job.id)
                process.kill()
                self._finish(job, "failed", "prosess")
                return
            if message[0] == "progress":
                _, job.done, job.total, job.current = message
            elif message[0] == "done":
                result = message[1]
                job.files = dict(result["files"])
                job.failures = list(result.get("failures", []))
                if job.is_batch:
                    job.done = job.total = int(result.get("total", job.total))
                self._finish(job, "done", "")
                return
            else:
                self._finish(job, "failed", message[1])
                return

    def _finish(self, job: Job, state: str, message: str) -> None:
        with self._cv:
            job.state, job.message, job.finished = state, message, time.monotonic()

    def _clean_loop(self) -> None:
        while not self._closing:
            time.sleep(min(60.0, max(1.0, self.result_ttl / 4)))
            try:
                self.clean()
            except OSError:
                log.exception("cleaning old results failed")
