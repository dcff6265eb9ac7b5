"""Staff users, organisations, memberships and roles, and signing in."""
