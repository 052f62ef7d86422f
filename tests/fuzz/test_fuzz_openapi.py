"""schemathesis over the app's own /openapi.json, a bounded number of cases per operation:
no answer is a server error other than the documented 503 (a time limit)."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from api_fixtures import _app, fill, make_store


@pytest.fixture(scope="module")
def fuzzed_app(tmp_path_factory):
    store = make_store(tmp_path_factory.mktemp("openapi-fuzz"))
    fill(store)
    app = _app(store, QUERY_TIMEOUT=5)
    yield app
    app.extensions["standpunkt"].close()
    store.close()


@pytest.fixture(scope="module")
def openapi_schema(fuzzed_app):
    return schemathesis.openapi.from_wsgi("/openapi.json", fuzzed_app)


def test_fuzz_openapi_no_server_errors(openapi_schema):
    operations = [result.ok() for result in openapi_schema.get_all_operations()]
    assert len(operations) >= 10, "the OpenAPI document lists the API's operations"
    statuses = []
    for operation in operations:
        @settings(max_examples=15, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def no_server_error(case):
            response = case.call()
            statuses.append(response.status_code)
            assert response.status_code < 500 or response.status_code == 503, \
                (case.method, case.formatted_path, response.status_code, response.text[:300])

        no_server_error()
    assert len(statuses) >= len(operations) and {200, 400} <= set(statuses), sorted(set(statuses))
