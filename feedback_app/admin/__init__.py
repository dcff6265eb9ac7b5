"""Setting up a partnership in the browser: organisations, staff, invitations and passwords."""
