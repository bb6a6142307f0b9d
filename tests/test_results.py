"""Results survive the trip between a shard and the batch unchanged."""

from __future__ import annotations

import json

from grader.results import SCHEMA_VERSION, SubmissionResult


def test_result_round_trips_through_json(
    hw1_cases: dict[str, SubmissionResult],
) -> None:
    for original in hw1_cases.values():
        data = json.loads(json.dumps(original.to_dict()))

        assert SubmissionResult.from_dict(data) == original


def test_result_dict_keys_are_pinned(hw1_cases: dict[str, SubmissionResult]) -> None:
    data = hw1_cases["segfault_affine"].to_dict()

    assert sorted(data) == [
        "assignment", "import_error", "import_output", "late_penalty", "max_score",
        "notes", "protections", "questions", "schema_version", "score",
        "source_file", "student",
    ]  # fmt: skip
    assert data["schema_version"] == SCHEMA_VERSION
    assert (data["score"], data["max_score"]) == (75.0, 100.0)
    assert sorted(data["questions"][0]["tests"][0]) == [
        "description", "max_score", "message", "outcome", "output", "question",
        "score", "test_id", "visibility",
    ]  # fmt: skip
