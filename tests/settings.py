"""Settings shared by the tests: everything off, or everything on."""

QUIET = {
    "learning.experience_rate": 0.0,
    "learning.rule_anchoring": 0.0,
    "learning.reflection_threshold": 10.0,
    "learning.principle_anchoring": 0.0,
    "learning.principle_rate": 0.0,
    "learning.meta_learning": 0.0,
    "management.style": "laissez_faire",
    "management.goal_drift": 0.0,
    "direction.evaluation_interval": 0,
    "communication.conversation_rate": 0.0,
    "communication.meeting_interval": 0,
    "environment.turbulence": 0.0,
}
"""Every mechanism switched off: nothing changes unless a test switches something on."""

EVERYTHING = {
    "organization.people": 60,
    "organization.turnover": 0.02,
    "environment.shocks": [5],
    "direction.evaluation_interval": 3,
    "communication.levels": ["rules", "insights", "principles"],
    "management.directive_pressure": 0.1,
    "management.alignment_effort": 0.2,
    "learning.reflection_threshold": 0.0,
}
"""Every mechanism switched on, turnover, shocks and evaluations included."""
