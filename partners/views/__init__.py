"""The directory's pages; one module per feature (portal and curation are imported as
modules by partners.urls)."""

from partners.views.compare import partner_compare
from partners.views.diagnostic import diagnostic
from partners.views.directory import partner_export, partner_list
from partners.views.profile import partner_detail

__all__ = [
    "diagnostic",
    "partner_compare",
    "partner_detail",
    "partner_export",
    "partner_list",
]
