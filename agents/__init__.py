"""The people of the organization, as Mesa agents, and what each does in a week."""

from orglearn import check_import_name
from orglearn.agents.staff import StaffMember

check_import_name(__name__, "orglearn.agents")

__all__ = ["StaffMember"]
