"""Notifications: e-mail (SMTP or an outbox directory), calendar invites and feeds, reminders, nudges,
invites by e-mail and self-service sign-in — and the jobs that send them exactly once.

Everything that goes out is first a row in ``notifications`` with a unique key (what, about which
session or pair, for whom), so two workers, a restart or a retry can never send the same mail twice.
"""
