"""The Dask worker plugin of kg.distributed, apart so that `kg` starts without importing Dask."""
from __future__ import annotations

from distributed.diagnostics.plugin import WorkerPlugin


class PipelinePlugin(WorkerPlugin):
    """Loads the NLP pipeline, HanTa and the gazetteer once per worker process, when it starts
    (and again in a worker the nanny restarts), never per article or per task.

    It also stops the worker's statistical profiler: it samples the task's stack every 10 ms
    and keeps an hour of samples, and the deep, varied stacks of spaCy, HanTa and pySHACL made
    a worker grow by about 0.2 MB an article (249 -> 308 MB over 300 articles; flat at
    234-246 MB without it). The dashboard's Profile tab stays empty; progress, task stream
    and memory are unaffected.
    """

    name = "standpunkt-pipeline"

    def setup(self, worker) -> None:
        from kg.extract import warm

        for name in ("profile", "profile-cycle"):
            callback = worker.periodic_callbacks.pop(name, None)
            if callback is not None:
                callback.stop()
        warm()
