"""Thin views: read the form, call a service, render. Business steps live in services/."""
