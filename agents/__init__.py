"""The people of the organization, as Mesa agents, and what each does in a week."""

from orglearn.agents.staff import StaffMember

__all__ = ["StaffMember"]
