"""Entry point of one shard of a parallel batch: grades its share of the submissions.

The parent (`grader.batch`) sends a JSON job on stdin and reads one line per graded
submission on stdout, each `RESULT <json>`; anything else the process prints is not
part of the protocol. A shard is trusted code: it is the grading process itself, with
its own zygote and sandbox.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from grader.errors import ExitCode, GraderError
from grader.grading import GradingOptions, grade_submissions
from grader.manifest import Course
from grader.results import SubmissionResult
from grader.sandbox import Isolation
from grader.submissions import Submission

RESULT_PREFIX = "RESULT "


def main() -> int:
    job = json.loads(sys.stdin.readline())
    assignment = Course(Path(job["course"])).assignment(job["assignment"])
    submissions = [
        Submission(student, Path(source)) for student, source in job["submissions"]
    ]
    isolation = job["isolation"]
    options = GradingOptions(
        include_hidden=True,
        questions=frozenset(job["questions"]) if job["questions"] else None,
        fresh_workers=job["fresh_workers"],
        isolation=Isolation(isolation) if isolation else None,
    )
    out = sys.stdout

    def report(result: SubmissionResult) -> None:
        out.write(RESULT_PREFIX + json.dumps(result.to_dict()) + "\n")
        out.flush()

    try:
        grade_submissions(assignment, submissions, options=options, on_result=report)
    except GraderError as error:
        print(error.message, file=sys.stderr)
        return int(error.exit_code)
    except KeyboardInterrupt:
        return int(ExitCode.INTERRUPTED)
    return 0


if __name__ == "__main__":
    sys.exit(main())
