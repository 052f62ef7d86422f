"""The Dask worker plugin of kg.distributed, apart so that `kg` starts without importing Dask."""
from __future__ import annotations

from distributed.diagnostics.plugin import WorkerPlugin


class PipelinePlugin(WorkerPlugin):
    """Loads the NLP pipeline, HanTa and the gazetteer once per worker process, when it starts
    (and again in a worker the nanny restarts), never per article or per task."""

    name = "standpunkt-pipeline"

    def setup(self, worker) -> None:
        from kg.extract import _warm

        _warm()
