"""Offline bundles: every edition and format of a source in one zip, with an index page, checksums and credits.

build makes the outputs and writes the zip, index the landing page, credits the credits and licences,
archive the names, checksums and zip, verify checks a bundle against its SHA256SUMS.
"""

from __future__ import annotations

from convert.bundles.archive import CONFORMANCE, CREDITS, INDEX, LICENCES, SUMS, checksums, safe_name
from convert.bundles.build import bundle, bundle_kinds, conformance_report
from convert.bundles.credits import credits
from convert.bundles.index import index_page, transcript
from convert.bundles.parts import Bundle, Member, Missing
from convert.bundles.verify import (
    Contents,
    Verification,
    check_sums,
    member_name_problem,
    read_folder,
    read_zip,
    verify,
)

__all__ = [
    "CONFORMANCE",
    "CREDITS",
    "INDEX",
    "LICENCES",
    "SUMS",
    "Bundle",
    "Contents",
    "Member",
    "Missing",
    "Verification",
    "bundle",
    "bundle_kinds",
    "check_sums",
    "checksums",
    "conformance_report",
    "credits",
    "index_page",
    "member_name_problem",
    "read_folder",
    "read_zip",
    "safe_name",
    "transcript",
    "verify",
]
