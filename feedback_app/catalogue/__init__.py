"""Public services, the partnerships that run them, their journeys and question bank."""
