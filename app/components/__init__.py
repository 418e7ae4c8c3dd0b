"""The page's parts: controls, the Explore, Compare and Learn tabs, and what they share."""
