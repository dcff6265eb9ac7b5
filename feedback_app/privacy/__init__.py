"""Consent records, retention purge, withdrawal and the audit log."""
